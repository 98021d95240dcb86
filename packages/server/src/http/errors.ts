import type { Refusal } from '@aidc/core';

/** A refusal the caller can act on: status, a stable code and a sentence; never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: {
      readonly refusal?: Refusal;
      readonly retryAfterS?: number;
      /** For the server's log only (a stack from a planner thread); never sent to the caller. */
      readonly log?: string;
      /** The request body was left unread: the connection is closed after the answer, not drained. */
      readonly closeConnection?: boolean;
    } = {},
  ) {
    super(message);
  }
}

export const notFound = (message: string): HttpError => new HttpError(404, 'not_found', message);

/** Lookups answer undefined for what is missing; an API answers 404 with what it looked for. */
export function orNotFound<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw notFound(message);
  return value;
}
