import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. Behind `trustedProxies` reverse proxies, each of which appends the
 * address it received from to X-Forwarded-For, the client is the entry that many places from the
 * right: entries further left were written by the client itself and could say anything. With no
 * trusted proxy, or a header shorter than the chain, the socket's peer is the answer.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: number,
): string {
  const fallback = peer ?? 'unknown';
  if (trustedProxies <= 0 || forwardedFor === undefined) return fallback;
  const hops = (typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(','))
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  return hops[hops.length - trustedProxies] ?? fallback;
}

export const requestClient = (req: IncomingMessage, trustedProxies: number): string =>
  clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
