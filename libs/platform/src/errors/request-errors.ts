import { HttpException } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the offending field (`address.city`, `tags.0`). */
  field: string;
  /** Stable upper-case reason: `REQUIRED`, `UNKNOWN_FIELD`, `NOT_A_UUID`, `TOO_LONG`… */
  code: string;
  message: string;
}

/**
 * An HTTP-level problem with a stable code, for errors that are about the request itself
 * (malformed, unauthenticated, rate limited) rather than about a business rule.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly fieldErrors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail, status);
  }
}

export class RequestValidationException extends ProblemException {
  constructor(errors: FieldError[]) {
    super(400, 'REQUEST.VALIDATION_FAILED', 'The request has invalid fields; see `errors`.', errors);
  }
}
