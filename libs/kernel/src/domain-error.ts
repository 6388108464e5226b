/**
 * How a broken rule surfaces to a caller. The HTTP layer maps each kind to a status code,
 * so domain code never speaks HTTP.
 */
export type DomainErrorKind =
  | 'not-found' // 404: absent, or outside the caller's data scope (never reveal which)
  | 'conflict' // 409: state changed underneath, duplicate, already taken
  | 'rule-violation' // 422: the request is well-formed but a business rule forbids it
  | 'forbidden' // 403: the caller lacks the right for this action
  | 'precondition-failed' // 412: If-Match did not match
  | 'invalid'; // 400: the input itself is wrong in a way validation could not see

/** A broken business rule with a stable, documented code such as `CUSTOMER.DUPLICATE`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    /** Extra machine-readable facts for the client (candidates, limits, how to proceed). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 'not-found', message);
  }
}

export class ConcurrentModificationError extends DomainError {
  constructor(what: string) {
    super('CONCURRENT_MODIFICATION', 'conflict', `The ${what} was changed by someone else; reload it and try again.`);
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(what: string, currentVersion: number) {
    super('PRECONDITION_FAILED', 'precondition-failed', `If-Match does not match the current ${what}.`, {
      currentETag: `"${currentVersion}"`,
    });
  }
}
