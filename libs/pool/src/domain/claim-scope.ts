/**
 * What a protection [保护] or a claim covers (POOL-7): the whole customer, one product line
 * [条线], or one product. Two scopes conflict when they overlap: the whole customer overlaps
 * everything; a line overlaps its products.
 */
export const SCOPE_MODES = ['customer', 'product-line', 'product'] as const;
export type ScopeMode = (typeof SCOPE_MODES)[number];

export type ClaimScope = { kind: 'customer' } | { kind: 'product-line'; productLineId: string } | { kind: 'product'; productId: string; productLineId: string };

export function scopesOverlap(a: ClaimScope, b: ClaimScope): boolean {
  if (a.kind === 'customer' || b.kind === 'customer') return true;
  if (a.kind === 'product' && b.kind === 'product') return a.productId === b.productId;
  return a.productLineId === b.productLineId;
}

export function anyOverlap(requested: readonly ClaimScope[], held: readonly ClaimScope[]): boolean {
  return requested.some((scope) => held.some((other) => scopesOverlap(scope, other)));
}

/** The scope id stored with a protection: null for the whole customer. */
export function scopeIdOf(scope: ClaimScope): string | null {
  return scope.kind === 'customer' ? null : scope.kind === 'product-line' ? scope.productLineId : scope.productId;
}
