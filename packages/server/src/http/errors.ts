import type { Diagnostic } from '@aidc/core';

/** A refusal the caller can act on: status, a stable code and a sentence; never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { readonly diagnostics?: readonly Diagnostic[]; readonly retryAfterS?: number } = {},
  ) {
    super(message);
  }
}
