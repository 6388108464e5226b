import Big from 'big.js';

/**
 * Money and quantities as decimal strings, computed with big.js: never a JavaScript number, so
 * 0.10 + 0.20 is 0.30 and three lines of 33.33 are 99.99. Amounts fit numeric(18,2).
 */
export const MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;
export const QUANTITY_PATTERN = /^\d{1,14}(\.\d{1,4})?$/;
export const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;

const LIMIT = new Big('1e16');

/** The amount with two decimals ("12" → "12.00"); undefined when it is not a non-negative decimal that fits. */
export function toMoney(value: string): string | undefined {
  if (!MONEY_PATTERN.test(value)) return undefined;
  return new Big(value).toFixed(2);
}

/** A quantity without trailing zeros ("2.5000" → "2.5"). */
export function toQuantity(value: string): string | undefined {
  if (!QUANTITY_PATTERN.test(value)) return undefined;
  const quantity = new Big(value);
  return quantity.gt(0) ? quantity.toString() : undefined;
}

/** A discount percent between 0 and 100 with two decimals. */
export function toPercent(value: string): string | undefined {
  if (!PERCENT_PATTERN.test(value)) return undefined;
  const percent = new Big(value);
  return percent.lte(100) ? percent.toFixed(2) : undefined;
}

/** quantity × unit price × (1 − discount / 100), rounded half up to the cent; undefined when it does not fit. */
export function lineAmount(quantity: string, unitPrice: string, discountPercent: string): string | undefined {
  const amount = new Big(quantity).times(unitPrice).times(new Big(100).minus(discountPercent)).div(100).round(2, Big.roundHalfUp);
  return amount.lt(LIMIT) ? amount.toFixed(2) : undefined;
}

/** The exact sum of amounts; undefined when it does not fit. */
export function sumOf(amounts: readonly string[]): string | undefined {
  const total = amounts.reduce((sum, amount) => sum.plus(amount), new Big(0));
  return total.lt(LIMIT) ? total.toFixed(2) : undefined;
}

export function isZero(amount: string): boolean {
  return new Big(amount).eq(0);
}
