import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, RequestValidationException, TransactionHost, type AppConfig } from '@crm/platform';
import { rollUp, type OwnerForecastLine } from '../../../domain/forecast-rollup.js';
import { parsePeriod, periodsBetween } from '../../../domain/periods.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { FORECAST_REPORT_CATEGORIES, forecastFigures, latestAdjustments } from '../../reports/forecast-figures.js';
import { reportOwners } from '../../reports/report-owners.js';
import { GetForecastQuery, type ForecastView } from './get-forecast.query.js';

/** At most three years of months in one answer. */
const MAX_PERIODS = 36;

@QueryHandler(GetForecastQuery)
export class GetForecastHandler implements IQueryHandler<GetForecastQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly people: OpportunityPeople,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, request }: GetForecastQuery): Promise<ForecastView> {
    const periods = periodsBetween(request.from, request.to);
    if (!periods || parsePeriod(request.from)!.kind !== request.period || periods.length > MAX_PERIODS) {
      throw new RequestValidationException([
        {
          field: 'to',
          code: 'periodRange',
          message: `from and to are ${request.period} keys (${request.period === 'month' ? '2026-01' : '2026-Q1'}), from not after to, at most ${MAX_PERIODS} periods`,
        },
      ]);
    }
    const owners = await reportOwners(actor, request, this.people);
    const start = parsePeriod(periods[0]!)!.start;
    const end = parsePeriod(periods[periods.length - 1]!)!.end;
    const [figures, adjustments] = await Promise.all([
      forecastFigures(this.tx, { owners, kind: request.period, start, end, timeZone: this.config.timeZone }),
      latestAdjustments(this.tx, { owners, periods }),
    ]);
    const key = (line: { ownerId: string; period: string; category: string }) => `${line.ownerId}|${line.period}|${line.category}`;
    const adjusted = new Map(adjustments.map((adjustment) => [key(adjustment), adjustment]));
    const lines = new Map<string, OwnerForecastLine>(
      figures.map((figure) => [key(figure), { ...figure, adjustedAmount: adjusted.get(key(figure))?.amount ?? null }]),
    );
    // A manager may adjust a figure that has no opportunities behind it (yet): raw 0, adjusted as set.
    for (const adjustment of adjustments) {
      if (!lines.has(key(adjustment))) lines.set(key(adjustment), { ...adjustment, amount: '0', weighted: '0', adjustedAmount: adjustment.amount });
    }
    const ownerIds = [...new Set([...lines.values()].map((line) => line.ownerId))];
    const placements = request.groupBy === 'owner' ? new Map() : await this.people.placements(ownerIds);
    const groupOf = (ownerId: string): string | null =>
      request.groupBy === 'owner' ? ownerId : ((request.groupBy === 'team' ? placements.get(ownerId)?.teamId : placements.get(ownerId)?.departmentId) ?? null);
    const rows = rollUp([...lines.values()], groupOf, FORECAST_REPORT_CATEGORIES).map((row) => {
      const adjustment =
        request.groupBy === 'owner' && row.groupId ? adjusted.get(key({ ownerId: row.groupId, period: row.period, category: row.category })) : undefined;
      return {
        ...row,
        adjustment: adjustment
          ? { id: adjustment.id, amount: adjustment.amount, reason: adjustment.reason, adjustedBy: adjustment.adjustedBy, adjustedAt: adjustment.adjustedAt }
          : null,
      };
    });
    return { period: request.period, groupBy: request.groupBy, periods, rows };
  }
}
