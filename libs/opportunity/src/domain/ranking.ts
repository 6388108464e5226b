import Big from 'big.js';

export interface Ranked<T> {
  rank: number;
  entry: T;
}

/**
 * Standard competition ranking [排名] by a decimal value, highest first: equal values share a rank and
 * the next rank skips (1, 1, 3). Ties are listed by `tieBreak` so the order is stable.
 */
export function rankByValue<T extends { value: string }>(entries: readonly T[], tieBreak: (a: T, b: T) => number): Ranked<T>[] {
  const sorted = [...entries].sort((a, b) => new Big(b.value).cmp(a.value) || tieBreak(a, b));
  const ranked: Ranked<T>[] = [];
  for (const [index, entry] of sorted.entries()) {
    const previous = ranked[index - 1];
    ranked.push({ rank: previous && new Big(previous.entry.value).eq(entry.value) ? previous.rank : index + 1, entry });
  }
  return ranked;
}
