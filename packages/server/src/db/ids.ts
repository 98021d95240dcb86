import { createHash, randomBytes } from 'node:crypto';

/** 128 random bits, URL-safe: share links and scenario ids cannot be guessed or enumerated. */
export const randomId = (): string => randomBytes(16).toString('base64url');

/** A bearer token: 256 random bits with a prefix that says what it is when it turns up in a log. */
export const newToken = (): string => `aidc_${randomBytes(32).toString('base64url')}`;

/** Tokens are stored only as their hash, so a copy of the database does not grant writes. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
