import { ProblemException } from '../errors/request-errors.js';

/** A resource's ETag is its version: strong, quoted, cheap to compare. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header asks for: `undefined` when absent or `*` (any version),
 * a number otherwise; anything else is a 400.
 */
export function expectedVersionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*' || ifMatch.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch);
  if (!match) {
    throw new ProblemException(400, 'REQUEST.INVALID_IF_MATCH', 'If-Match must be an ETag as returned by GET, e.g. "3".');
  }
  return Number(match[1]);
}
