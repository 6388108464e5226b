import Big from 'big.js';

/** One owner's figure in a period and category: raw amount, exact (unrounded) weighted amount, and the amount a manager set, if any. */
export interface OwnerForecastLine {
  ownerId: string;
  period: string;
  category: string;
  amount: string;
  weighted: string;
  adjustedAmount: string | null;
}

export interface ForecastLine {
  period: string;
  groupId: string | null;
  category: string;
  amount: string;
  weightedAmount: string;
  adjustedAmount: string;
}

/**
 * Rolls owners' figures up to a group (the owner itself, their team or department [小组 / 部门]):
 * amounts add exactly; the weighted amount adds the exact products and is rounded half up to the
 * cent once, at the level shown; the adjusted amount adds each owner's adjusted figure, which is
 * the manager's amount where one was set and the raw amount elsewhere. Sorted by period, group, category.
 */
export function rollUp(lines: readonly OwnerForecastLine[], groupOf: (ownerId: string) => string | null, categoryOrder: readonly string[]): ForecastLine[] {
  const groups = new Map<string, { period: string; groupId: string | null; category: string; amount: Big; weighted: Big; adjusted: Big }>();
  for (const line of lines) {
    const groupId = groupOf(line.ownerId);
    const key = `${line.period}|${groupId ?? ''}|${line.category}`;
    const group = groups.get(key) ?? { period: line.period, groupId, category: line.category, amount: new Big(0), weighted: new Big(0), adjusted: new Big(0) };
    group.amount = group.amount.plus(line.amount);
    group.weighted = group.weighted.plus(line.weighted);
    group.adjusted = group.adjusted.plus(line.adjustedAmount ?? line.amount);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        compare(a.period, b.period) || compare(a.groupId ?? '', b.groupId ?? '') || categoryOrder.indexOf(a.category) - categoryOrder.indexOf(b.category),
    )
    .map((group) => ({
      period: group.period,
      groupId: group.groupId,
      category: group.category,
      amount: group.amount.toFixed(2),
      weightedAmount: group.weighted.round(2, Big.roundHalfUp).toFixed(2),
      adjustedAmount: group.adjusted.toFixed(2),
    }));
}

/** Periods and ids are ASCII: code-unit order, without the cost of a locale collation on thousands of lines. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
