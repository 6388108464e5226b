import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { OwnerFilter } from '../../reports/report-owners.js';

export interface AccuracyRowView {
  ownerId: string;
  /** The week of the snapshot compared (Monday); null when none was taken before the period ended. */
  snapshotWeek: string | null;
  /** commit + closed-won in that snapshot, raw; null without a snapshot. */
  forecastAmount: string | null;
  /** The same with the managers' adjustments of the time. */
  adjustedForecastAmount: string | null;
  wonAmount: string;
  accuracy: string | null;
  adjustedAccuracy: string | null;
}

export interface ForecastAccuracyView {
  period: string;
  rows: AccuracyRowView[];
}

/** Forecast accuracy [预测准确率] per person for one month or quarter: a weekly snapshot against what was won. */
export class GetForecastAccuracyQuery extends Query<ForecastAccuracyView> {
  constructor(
    readonly actor: Actor,
    readonly period: string,
    readonly filter: OwnerFilter,
  ) {
    super();
  }
}
