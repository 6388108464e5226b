import Big from 'big.js';

/** An order a bank transaction might pay: named in its reference, or owed by its payer. */
export interface MatchCandidate {
  orderId: string;
  number: string;
  openAmount: string;
  createdAt: Date;
}

export type MatchRule =
  'reference-and-amount' | 'payer-and-open-amount' | 'payer-and-open-amount-ambiguous' | 'reference-within-tolerance' | 'payer-within-tolerance';

export type MatchDecision =
  | { status: 'matched' | 'proposed'; orderId: string; rule: MatchRule; confidence: string }
  | { status: 'unmatched'; orderId: null; rule: null; confidence: null };

export const UNMATCHED: MatchDecision = { status: 'unmatched', orderId: null, rule: null, confidence: null };

/** Order numbers as they appear in a free-text bank reference [附言] ("货款SO20261125000012 第一期" → SO20261125000012). */
export function orderNumbersIn(reference: string): string[] {
  return [...new Set([...reference.toUpperCase().matchAll(/SO\d{14,}/g)].map((match) => match[0]))];
}

const oldestFirst = (a: MatchCandidate, b: MatchCandidate) => a.createdAt.getTime() - b.createdAt.getTime() || a.orderId.localeCompare(b.orderId);

/**
 * The reconciliation rules [对账规则], evaluated in order; the first that applies decides (Odoo's
 * reconciliation models):
 * 1. the reference names an order and the amount is its open amount → matched automatically (1.00);
 * 2. the payer is the order's customer (normalised name) and the amount is the open amount of exactly
 *    one of its orders → matched automatically (0.90); of several → proposed for the oldest (0.50);
 * 3. an order named in the reference, or one of the payer's, is open for an amount within the
 *    tolerance → proposed (0.80 by reference, 0.60 by payer);
 * 4. otherwise the transaction waits in finance's queue [待匹配].
 */
export function decideMatch(amount: string, byReference: readonly MatchCandidate[], byPayer: readonly MatchCandidate[], tolerance: string): MatchDecision {
  const received = new Big(amount);
  const exact = (candidate: MatchCandidate) => received.eq(candidate.openAmount);
  const near = (candidate: MatchCandidate) => new Big(candidate.openAmount).gt(0) && received.minus(candidate.openAmount).abs().lte(tolerance);

  const named = [...byReference].sort(oldestFirst).find(exact);
  if (named) return { status: 'matched', orderId: named.orderId, rule: 'reference-and-amount', confidence: '1.00' };

  const owed = [...byPayer].filter(exact).sort(oldestFirst);
  if (owed.length === 1) return { status: 'matched', orderId: owed[0]!.orderId, rule: 'payer-and-open-amount', confidence: '0.90' };
  if (owed.length > 1) return { status: 'proposed', orderId: owed[0]!.orderId, rule: 'payer-and-open-amount-ambiguous', confidence: '0.50' };

  const namedNear = [...byReference].sort(oldestFirst).find(near);
  if (namedNear) return { status: 'proposed', orderId: namedNear.orderId, rule: 'reference-within-tolerance', confidence: '0.80' };
  const owedNear = [...byPayer].sort(oldestFirst).find(near);
  if (owedNear) return { status: 'proposed', orderId: owedNear.orderId, rule: 'payer-within-tolerance', confidence: '0.60' };
  return UNMATCHED;
}
