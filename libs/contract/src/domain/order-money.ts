import Big from 'big.js';

/**
 * Money and quantities as decimal strings, computed with big.js, never a JavaScript number:
 * 0.10 + 0.20 is 0.30 and three lines of 33.33 are 99.99. Amounts fit numeric(18,2).
 */
export const MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;
export const QUANTITY_PATTERN = /^\d{1,14}(\.\d{1,4})?$/;
export const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;

const LIMIT = new Big('1e16');

export function money(value: string | Big): string {
  return new Big(value).toFixed(2);
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

export type PaymentStatus = 'unpaid' | 'partially-paid' | 'paid' | 'over-paid';

/** 未回款 / 部分回款 / 已回清 / 超额回款, from the order total and the payments in force. */
export function paymentStatusOf(total: string, paid: string): PaymentStatus {
  const paidAmount = new Big(paid);
  if (paidAmount.gt(total)) return 'over-paid';
  if (paidAmount.eq(total)) return 'paid';
  return paidAmount.eq(0) ? 'unpaid' : 'partially-paid';
}
