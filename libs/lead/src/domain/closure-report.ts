import Big from 'big.js';
import type { ClosureReason } from './closure-reason.js';

/**
 * Closures per reason [关闭原因分析]: how many leads were closed for each reason in a period, and
 * each reason's share of them as a decimal string with 4 places (big.js, half-up). Every active
 * reason is listed, with 0 when nothing was closed for it, so a reason nobody uses shows; a
 * deactivated one only when leads were closed for it in the period.
 */

export interface ReasonClosures {
  reason: string;
  label: string;
  active: boolean;
  closed: number;
  /** closed / all closures in the period; null when there were none. */
  share: string | null;
}

const PLACES = 4;

/** `reasons` in the list's order; `counts` closures per reason key. */
export function closuresByReason(reasons: readonly ClosureReason[], counts: ReadonlyMap<string, number>): { items: ReasonClosures[]; closed: number } {
  const closed = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const items = reasons
    .filter((reason) => reason.active || (counts.get(reason.key) ?? 0) > 0)
    .map((reason) => {
      const count = counts.get(reason.key) ?? 0;
      return {
        reason: reason.key,
        label: reason.label,
        active: reason.active,
        closed: count,
        share: closed > 0 ? new Big(count).div(closed).round(PLACES, Big.roundHalfUp).toFixed(PLACES) : null,
      };
    });
  return { items, closed };
}
