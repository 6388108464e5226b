import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { Adjustment } from '../../reports/forecast-figures.js';
import type { OwnerFilter } from '../../reports/report-owners.js';

export const FORECAST_GROUPS = ['owner', 'team', 'department', 'total'] as const;
export type ForecastGroup = (typeof FORECAST_GROUPS)[number];

export interface ForecastRequest extends OwnerFilter {
  period: 'month' | 'quarter';
  /** First and last period keys, both included (`2026-01` / `2026-Q1`). */
  from: string;
  to: string;
  groupBy: ForecastGroup;
}

/** A figure at the level shown: amounts exact, the weighted amount rounded half up to the cent once, here. */
interface ForecastRowView {
  period: string;
  groupId: string | null;
  category: string;
  amount: string;
  weightedAmount: string;
  /** Per owner the manager's amount where one was set, else the raw amount, summed. */
  adjustedAmount: string;
  /** By owner: the manager's latest adjustment of this figure, if any. */
  adjustment: Omit<Adjustment, 'ownerId' | 'period' | 'category'> | null;
}

/** JSON text of a value of type T (the type says what the text holds). */
type Json<T> = string & { readonly json?: T };

/** The forecast as the API answers it, `{ period, groupBy, periods, rows }`: JSON text serialised by PostgreSQL (see `forecastAnswerStatement`). */
export type ForecastAnswer = Json<{ period: 'month' | 'quarter'; groupBy: ForecastGroup; periods: string[]; rows: ForecastRowView[] }>;

/** The sales forecast [销售预测] by period and category, for the caller's scope. */
export class GetForecastQuery extends Query<ForecastAnswer> {
  constructor(
    readonly actor: Actor,
    readonly request: ForecastRequest,
  ) {
    super();
  }
}
