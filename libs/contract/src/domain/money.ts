import Big from 'big.js';

/**
 * Money as decimal strings, computed with big.js, never a JavaScript number: 0.10 + 0.20 is 0.30
 * and three instalments of 33.33 are 99.99. Amounts fit numeric(18,2).
 */
export const MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;
export const QUANTITY_PATTERN = /^\d{1,14}(\.\d{1,4})?$/;

/** The amount with two decimals ("12" → "12.00"); undefined when it is not a non-negative decimal that fits. */
export function toMoney(value: string): string | undefined {
  if (!MONEY_PATTERN.test(value)) return undefined;
  return new Big(value).toFixed(2);
}

/** A positive quantity without trailing zeros ("2.5000" → "2.5"). */
export function toQuantity(value: string): string | undefined {
  if (!QUANTITY_PATTERN.test(value)) return undefined;
  const quantity = new Big(value);
  return quantity.gt(0) ? quantity.toString() : undefined;
}

/** The exact sum of amounts, with two decimals. */
export function sumOf(amounts: readonly string[]): string {
  return amounts.reduce((sum, amount) => sum.plus(amount), new Big(0)).toFixed(2);
}

export function sameAmount(a: string, b: string): boolean {
  return new Big(a).eq(b);
}

export function isPositive(amount: string): boolean {
  return new Big(amount).gt(0);
}
