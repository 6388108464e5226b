import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { Adjustment, ForecastReportCategory } from '../../reports/forecast-figures.js';

/** A manager's figure for someone's forecast [预测调整]: a record of its own next to the raw one. */
export class AdjustForecastCommand extends Command<Adjustment> {
  constructor(
    readonly actor: Actor,
    readonly ownerId: string,
    readonly period: string,
    readonly category: ForecastReportCategory,
    readonly amount: string,
    readonly reason: string,
  ) {
    super();
  }
}
