import Big from 'big.js';
import { parsePeriod } from '../../domain/periods.js';
import { percentOf } from '../../domain/report-figures.js';
import type { TargetRecord } from '../../infrastructure/sql-targets.js';
import type { TargetMetric } from '../reports/won-figures.js';

export interface TargetView {
  id: string;
  subjectType: TargetRecord['subjectType'];
  subjectId: string;
  period: string;
  metric: string;
  value: string;
  /** What was achieved in the period; null for a metric not measured yet. */
  achieved: string | null;
  achievementRate: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Metrics counted in whole numbers; the others are money. */
export const COUNT_METRICS: readonly string[] = ['won-count', 'new-customers'];

/** The target's range of days. */
export function periodOf(target: TargetRecord) {
  return parsePeriod(target.period)!;
}

/** One member's figures: won (wonFigures) or collected (collectedFigures), as the metric needs. */
interface MemberFigures {
  wonAmount?: string;
  wonCount?: number;
  newCustomers?: number;
  collectedAmount?: string;
}

/** Sums the members' figures for the target's metric. */
export function achievedFor(metric: string, figures: ReadonlyMap<string, MemberFigures>, members: readonly string[]): string | null {
  const known: Record<TargetMetric, (figure: MemberFigures) => string> = {
    'won-amount': (figure) => figure.wonAmount ?? '0',
    'won-count': (figure) => String(figure.wonCount ?? 0),
    'new-customers': (figure) => String(figure.newCustomers ?? 0),
    'collected-amount': (figure) => figure.collectedAmount ?? '0',
  };
  const pick = known[metric as TargetMetric];
  if (!pick) return null;
  const total = members.reduce((sum, member) => {
    const figure = figures.get(member);
    return figure ? sum.plus(pick(figure)) : sum;
  }, new Big(0));
  return COUNT_METRICS.includes(metric) ? total.toFixed(0) : total.toFixed(2);
}

export function toTargetView(target: TargetRecord, achieved: string | null): TargetView {
  return {
    id: target.id,
    subjectType: target.subjectType,
    subjectId: target.subjectId,
    period: target.period,
    metric: target.metric,
    value: COUNT_METRICS.includes(target.metric) ? new Big(target.value).toFixed(0) : target.value,
    achieved,
    achievementRate: achieved === null ? null : percentOf(achieved, target.value),
    createdBy: target.createdBy,
    createdAt: target.createdAt.toISOString(),
    updatedAt: target.updatedAt.toISOString(),
    version: target.version,
  };
}
