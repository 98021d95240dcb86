import { formatBytes, formatCount } from '@aidc/core';

export const usd = (v: number): string => `$${formatCount(v)}`;
export const kw = (w: number): string => `${Number((w / 1e3).toPrecision(3))} kW`;
export const days = (s: number): string => `${Number((s / 86400).toPrecision(3))} d`;
export const ms = (s: number): string => `${Number((s * 1000).toPrecision(3))} ms`;
export const bytes = formatBytes;
export const count = formatCount;
