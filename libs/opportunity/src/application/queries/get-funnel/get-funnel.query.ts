import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { OwnerFilter } from '../../reports/report-owners.js';

export interface FunnelFilters extends OwnerFilter {
  pipelineId?: string;
  /** Created on or after this day (YYYY-MM-DD, in the company's time zone). */
  createdFrom?: string;
  /** Created on or before this day (inclusive). */
  createdTo?: string;
  /** Expected close date on or after this day. */
  closeFrom?: string;
  /** Expected close date on or before this day (inclusive). */
  closeTo?: string;
}

export interface FunnelStageView {
  stageId: string;
  name: string;
  outcome: 'open' | 'won' | 'lost';
  probability: number;
  forecastCategory: string;
  count: number;
  amount: string;
  weightedAmount: string;
  reached: number;
  advanced: number | null;
  conversionRate: string | null;
  medianSecondsInStage: number | null;
  stays: number;
}

export interface FunnelView {
  pipelineId: string;
  stages: FunnelStageView[];
}

/** The sales funnel [销售漏斗] of one pipeline for the caller's scope. */
export class GetFunnelQuery extends Query<FunnelView> {
  constructor(
    readonly actor: Actor,
    readonly filters: FunnelFilters,
  ) {
    super();
  }
}
