import Big from 'big.js';
import { DomainError } from '@crm/kernel';
import { lineAmount, money } from './order-money.js';

/** A line of an approved order as a reduction sees it: what it was, and what earlier reductions took back. */
export interface ReducibleLine {
  lineIndex: number;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  amount: string;
  reducedQuantity: string;
  reducedAmount: string;
}

export interface ReductionLine {
  lineIndex: number;
  /** Quantity taken back (positive); the line keeps `remainingQuantity`. */
  quantity: string;
  /** Amount taken back: the line's amount now less the amount of what remains, priced as the line was. */
  amount: string;
  remainingQuantity: string;
}

export interface ReductionPlan {
  lines: ReductionLine[];
  /** Total taken back. */
  amount: string;
  /** The order total after the reduction. */
  newTotal: string;
}

export const ReductionErrors = {
  notReducible: (orderStatus: string) =>
    new DomainError('ORDER.NOT_REDUCIBLE', 'conflict', 'Only an approved order is reduced [减单]; before approval its lines are edited.', { orderStatus }),
  pending: () => new DomainError('ORDER.REDUCTION_PENDING', 'conflict', 'A reduction of this order is in approval: wait for its outcome or recall it.'),
  lineNotFound: (lineIndex: number) =>
    new DomainError('ORDER.REDUCTION_LINE_NOT_FOUND', 'rule-violation', `The order has no line ${lineIndex}.`, { lineIndex }),
  duplicateLine: (lineIndex: number) => new DomainError('ORDER.REDUCTION_DUPLICATE_LINE', 'rule-violation', `Line ${lineIndex} is named twice.`, { lineIndex }),
  exceedsQuantity: (lineIndex: number, remainingQuantity: string) =>
    new DomainError('ORDER.REDUCTION_EXCEEDS_QUANTITY', 'rule-violation', `Line ${lineIndex} has only ${remainingQuantity} left to take back.`, {
      lineIndex,
      remainingQuantity,
    }),
  belowPaid: (paid: string, newTotal: string) =>
    new DomainError(
      'ORDER.REDUCTION_BELOW_PAID',
      'rule-violation',
      `The order would total ${newTotal}, less than the ${paid} paid: reverse or refund payments first.`,
      { paid, newTotal },
    ),
};

/**
 * What a reduction [减单] takes back: per line, never more than is left (quantities never go below
 * zero), each line's amount recomputed for what remains exactly as the line was priced (so taking
 * back everything returns the line's amount to the cent), and never below what was paid.
 */
export function planReduction(
  lines: readonly ReducibleLine[],
  requested: readonly { lineIndex: number; quantity: string }[],
  order: { total: string; paid: string },
): ReductionPlan {
  const seen = new Set<number>();
  const planned = requested.map(({ lineIndex, quantity }) => {
    if (seen.has(lineIndex)) throw ReductionErrors.duplicateLine(lineIndex);
    seen.add(lineIndex);
    const line = lines.find((candidate) => candidate.lineIndex === lineIndex);
    if (!line) throw ReductionErrors.lineNotFound(lineIndex);
    const left = new Big(line.quantity).minus(line.reducedQuantity);
    if (new Big(quantity).gt(left)) throw ReductionErrors.exceedsQuantity(lineIndex, left.toString());
    const remaining = left.minus(quantity);
    const amountNow = new Big(line.amount).minus(line.reducedAmount);
    const amountAfter = lineAmount(remaining.toString(), line.unitPrice, line.discountPercent)!;
    return { lineIndex, quantity: new Big(quantity).toString(), amount: money(amountNow.minus(amountAfter)), remainingQuantity: remaining.toString() };
  });
  const amount = money(planned.reduce((sum, line) => sum.plus(line.amount), new Big(0)));
  const newTotal = money(new Big(order.total).minus(amount));
  if (new Big(newTotal).lt(order.paid)) throw ReductionErrors.belowPaid(money(order.paid), newTotal);
  return { lines: planned, amount, newTotal };
}
