import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, TransactionHost, type AppConfig } from '@crm/platform';
import Big from 'big.js';
import { localDay, parsePeriod, periodKeyOf, periodsBetween, weekStart } from '../../../domain/periods.js';
import { forecastFigures, latestAdjustments } from '../../reports/forecast-figures.js';
import { SnapshotForecastsCommand } from './snapshot-forecasts.command.js';

/** The snapshot covers this month and the next two, so every month is forecast weeks before it starts. */
const MONTHS_AHEAD = 2;

/**
 * Freezes every owner's forecast for this week [预测快照]: per month and category the raw amount, the
 * weighted amount (rounded to the cent) and the adjusted amount. The week (Monday, company time zone)
 * is claimed first with a primary key: a second run in the same week, or a concurrent one, finds it
 * taken and writes nothing, so the scheduler may call it as often as it likes.
 */
@CommandHandler(SnapshotForecastsCommand)
export class SnapshotForecastsHandler implements ICommandHandler<SnapshotForecastsCommand> {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ takenBy, now }: SnapshotForecastsCommand): Promise<{ weekStart: string; taken: boolean; rows: number }> {
    const week = weekStart(now, this.config.timeZone);
    const claimed = await this.tx.query(
      `INSERT INTO opportunity.forecast_snapshot_weeks (week_start, taken_at, taken_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING week_start`,
      [week, now, takenBy],
    );
    if (claimed.length === 0) return { weekStart: week, taken: false, rows: 0 };
    const first = periodKeyOf(localDay(now, this.config.timeZone), 'month');
    let last = first;
    for (let month = 0; month < MONTHS_AHEAD; month++) last = periodKeyOf(parsePeriod(last)!.end, 'month');
    const periods = periodsBetween(first, last)!;
    const [figures, adjustments] = await Promise.all([
      forecastFigures(this.tx, { owners: null, kind: 'month', start: parsePeriod(first)!.start, end: parsePeriod(last)!.end, timeZone: this.config.timeZone }),
      latestAdjustments(this.tx, { owners: null, periods }),
    ]);
    const key = (line: { ownerId: string; period: string; category: string }) => `${line.ownerId}|${line.period}|${line.category}`;
    const rows = new Map(figures.map((figure) => [key(figure), { ...figure, adjusted: figure.amount }]));
    for (const adjustment of adjustments) {
      const row = rows.get(key(adjustment)) ?? { ...adjustment, weighted: '0' };
      rows.set(key(adjustment), { ...row, adjusted: adjustment.amount });
    }
    const list = [...rows.values()];
    if (list.length > 0) {
      await this.tx.query(
        `INSERT INTO opportunity.forecast_snapshots (week_start, owner_id, period, category, amount, weighted_amount, adjusted_amount, taken_at)
         SELECT $1, owner_id, period, category, amount, weighted, adjusted, $2
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[]) AS r(owner_id, period, category, amount, weighted, adjusted)`,
        [
          week,
          now,
          list.map((row) => row.ownerId),
          list.map((row) => row.period),
          list.map((row) => row.category),
          list.map((row) => new Big(row.amount).toFixed(2)),
          list.map((row) => new Big(row.weighted).round(2, Big.roundHalfUp).toFixed(2)),
          list.map((row) => new Big(row.adjusted).toFixed(2)),
        ],
      );
    }
    return { weekStart: week, taken: true, rows: list.length };
  }
}
