import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, SqlParams, TransactionHost, type AppConfig } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { parsePeriod, periodsBetween } from '../../../domain/periods.js';
import { forecastAccuracy } from '../../../domain/report-figures.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { reportOwners } from '../../reports/report-owners.js';
import { GetForecastAccuracyQuery, type ForecastAccuracyView } from './get-forecast-accuracy.query.js';

/**
 * Per person: the snapshot to judge is the last one taken on or before the period's first day, else
 * the first one taken during the period; its forecast is commit + closed-won over the period's months.
 * Won is what was won in the period (won_at, company time zone).
 */
@QueryHandler(GetForecastAccuracyQuery)
export class GetForecastAccuracyHandler implements IQueryHandler<GetForecastAccuracyQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly people: OpportunityPeople,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, period, filter }: GetForecastAccuracyQuery): Promise<ForecastAccuracyView> {
    const range = parsePeriod(period);
    if (!range || range.kind === 'year') throw OpportunityErrors.invalidPeriod(period);
    const months = periodsBetween(range.start.slice(0, 7), range.end.slice(0, 7))!.slice(0, -1);
    const owners = await reportOwners(actor, filter, this.people);
    const params = new SqlParams();
    const start = params.add(range.start);
    const end = params.add(range.end);
    const zone = params.add(this.config.timeZone);
    const ownerWhere = (column: string) => (owners === null ? 'TRUE' : `${column} = ANY(${params.add(owners)}::uuid[])`);
    const rows = await this.tx.query<{ owner_id: string; week_start: string | null; forecast: string | null; adjusted: string | null; won: string }>(
      `WITH chosen_week AS (
         SELECT DISTINCT ON (owner_id) owner_id, week_start
           FROM opportunity.forecast_snapshots
          WHERE period = ANY(${params.add(months)}::text[]) AND week_start < ${end}::date AND ${ownerWhere('owner_id')}
          ORDER BY owner_id, week_start > ${start}::date, abs(week_start - ${start}::date)
       ),
       forecast AS (
         SELECT w.owner_id, to_char(w.week_start, 'YYYY-MM-DD') AS week_start,
                coalesce(sum(s.amount) FILTER (WHERE s.category IN ('commit', 'closed-won')), 0) AS forecast,
                coalesce(sum(s.adjusted_amount) FILTER (WHERE s.category IN ('commit', 'closed-won')), 0) AS adjusted
           FROM chosen_week w
           JOIN opportunity.forecast_snapshots s ON s.owner_id = w.owner_id AND s.week_start = w.week_start AND s.period = ANY(${params.add(months)}::text[])
          GROUP BY w.owner_id, w.week_start
       ),
       won AS (
         SELECT o.owner_id, sum(o.amount) AS won
           FROM opportunity.opportunities o
          WHERE o.status = 'won' AND ${ownerWhere('o.owner_id')}
            AND o.won_at >= ${start}::date::timestamp AT TIME ZONE ${zone} AND o.won_at < ${end}::date::timestamp AT TIME ZONE ${zone}
          GROUP BY o.owner_id
       )
       SELECT coalesce(f.owner_id, w.owner_id) AS owner_id, f.week_start, f.forecast::numeric(20, 2)::text AS forecast,
              f.adjusted::numeric(20, 2)::text AS adjusted, coalesce(w.won, 0)::numeric(20, 2)::text AS won
         FROM forecast f FULL JOIN won w ON w.owner_id = f.owner_id
        ORDER BY 1`,
      params.values,
    );
    return {
      period,
      rows: rows.map((row) => ({
        ownerId: row.owner_id,
        snapshotWeek: row.week_start,
        forecastAmount: row.forecast,
        adjustedForecastAmount: row.adjusted,
        wonAmount: row.won,
        accuracy: row.forecast === null ? null : forecastAccuracy(row.forecast, row.won),
        adjustedAccuracy: row.adjusted === null ? null : forecastAccuracy(row.adjusted, row.won),
      })),
    };
  }
}
