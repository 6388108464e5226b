import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SqlParams, TransactionHost } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { nextDay, splitIntoMonths, type DayRange } from '../../../domain/periods.js';
import { conversionRate } from '../../../domain/report-figures.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { reportOwners } from '../../reports/report-owners.js';
import { GetFunnelQuery, type FunnelFilters, type FunnelView } from './get-funnel.query.js';

interface FunnelRow {
  id: string;
  name: string;
  outcome: 'open' | 'won' | 'lost';
  probability: number;
  forecast_category: string;
  count: number;
  amount: string;
  weighted: string;
  reached: number;
  advanced: number;
  median_seconds: number | null;
  stays: number;
}

/**
 * The funnel as one statement over the chosen opportunities (pipeline, owners, filters): current figures
 * by stage, reach and advance from the stage history, and the median of completed stays per stage.
 * The API serves funnels from the read model now; this statement over the rows stays as the reference the
 * read-model spec compares against and the benchmark's baseline.
 * @internal
 */
export function funnelStatement(input: { pipelineId: string; owners: readonly string[] | null; filters: FunnelFilters; timeZone: string }): {
  text: string;
  values: unknown[];
} {
  const { filters } = input;
  const params = new SqlParams();
  const pipelineId = params.add(input.pipelineId);
  const where = [`o.pipeline_id = ${pipelineId}`];
  if (input.owners !== null) where.push(`o.owner_id = ANY(${params.add(input.owners)}::uuid[])`);
  const zone = () => params.add(input.timeZone);
  if (filters.createdFrom) where.push(`o.created_at >= (${params.add(filters.createdFrom)}::date)::timestamp AT TIME ZONE ${zone()}`);
  if (filters.createdTo) where.push(`o.created_at < (${params.add(filters.createdTo)}::date + 1)::timestamp AT TIME ZONE ${zone()}`);
  if (filters.closeFrom) where.push(`o.expected_close_date >= ${params.add(filters.closeFrom)}::date`);
  if (filters.closeTo) where.push(`o.expected_close_date <= ${params.add(filters.closeTo)}::date`);
  // Narrowed to some owners, the history is read per chosen opportunity through its index (OFFSET 0 keeps the
  // planner from flattening it into a join that scans the whole table), so the cost follows the caller's rows;
  // for everyone, one hash join over the table is the cheaper plan.
  const columns = 'h.opportunity_id, h.to_stage_id, h.from_stage_id, h.seconds_in_previous_stage';
  const history =
    input.owners === null
      ? `SELECT ${columns} FROM opportunity.stage_changes h JOIN chosen c ON c.id = h.opportunity_id`
      : `SELECT ${columns} FROM chosen c CROSS JOIN LATERAL (SELECT * FROM opportunity.stage_changes x WHERE x.opportunity_id = c.id OFFSET 0) h`;

  return {
    text: `WITH chosen AS (
         SELECT o.id, o.stage_id, o.amount,
                CASE o.status WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE coalesce(o.probability_override, s.probability) END AS probability
           FROM opportunity.opportunities o JOIN opportunity.stages s ON s.id = o.stage_id
          WHERE ${where.join(' AND ')}
       ),
       stages AS (
         SELECT id, name, position, outcome, probability, forecast_category
           FROM opportunity.stages WHERE pipeline_id = ${pipelineId} AND removed_at IS NULL
       ),
       current_figures AS (
         SELECT stage_id, count(*)::int AS count, sum(amount) AS amount, sum(amount * probability) / 100 AS weighted
           FROM chosen GROUP BY stage_id
       ),
       history AS (${history}),
       reach AS (
         SELECT DISTINCT h.opportunity_id, h.to_stage_id AS stage_id FROM history h
       ),
       furthest AS (
         SELECT r.opportunity_id, max(s.position) FILTER (WHERE s.outcome = 'open') AS open_position, bool_or(s.outcome = 'won') AS won
           FROM reach r JOIN stages s ON s.id = r.stage_id GROUP BY r.opportunity_id
       ),
       conversion AS (
         SELECT s.id AS stage_id, count(*)::int AS reached,
                count(*) FILTER (WHERE f.won OR f.open_position > s.position)::int AS advanced
           FROM stages s JOIN reach r ON r.stage_id = s.id JOIN furthest f ON f.opportunity_id = r.opportunity_id
          GROUP BY s.id
       ),
       stays AS (
         SELECT h.from_stage_id AS stage_id, count(*)::int AS stays,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY h.seconds_in_previous_stage) AS median_seconds
           FROM history h
          WHERE h.seconds_in_previous_stage IS NOT NULL
          GROUP BY h.from_stage_id
       )
       SELECT s.id, s.name, s.outcome, s.probability, s.forecast_category,
              coalesce(f.count, 0) AS count,
              round(coalesce(f.amount, 0), 2)::text AS amount,
              round(coalesce(f.weighted, 0), 2)::text AS weighted,
              coalesce(v.reached, 0) AS reached, coalesce(v.advanced, 0) AS advanced,
              d.median_seconds, coalesce(d.stays, 0) AS stays
         FROM stages s
         LEFT JOIN current_figures f ON f.stage_id = s.id
         LEFT JOIN conversion v ON v.stage_id = s.id
         LEFT JOIN stays d ON d.stage_id = s.id
        ORDER BY s.position`,
    values: params.values,
  };
}

/** Where the read model's period columns narrow the funnel (days in the company's time zone, inclusive). */
function periodConditions(filters: FunnelFilters, params: SqlParams): string {
  const where: string[] = [];
  if (filters.createdFrom) where.push(`AND created_on >= ${params.add(filters.createdFrom)}::date`);
  if (filters.createdTo) where.push(`AND created_on <= ${params.add(filters.createdTo)}::date`);
  if (filters.closeFrom) where.push(`AND close_on >= ${params.add(filters.closeFrom)}::date`);
  if (filters.closeTo) where.push(`AND close_on <= ${params.add(filters.closeTo)}::date`);
  return where.join(' ');
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The one date a funnel for everyone is narrowed by, when the period buckets answer it: created days or close days
 * (not both at once), given as plain days. Undefined otherwise (the contributions in the period are read instead).
 */
function bucketPeriod(filters: FunnelFilters): { kind: 'created' | 'close'; from?: string; to?: string } | undefined {
  const created = filters.createdFrom !== undefined || filters.createdTo !== undefined;
  const close = filters.closeFrom !== undefined || filters.closeTo !== undefined;
  if (created === close) return undefined;
  const [from, to] = created ? [filters.createdFrom, filters.createdTo] : [filters.closeFrom, filters.closeTo];
  if ((from !== undefined && !DAY.test(from)) || (to !== undefined && !DAY.test(to))) return undefined;
  return { kind: created ? 'created' : 'close', from, to };
}

/** `start` within a range of days, as SQL (true when the range is open at both ends). */
function startWithin(range: DayRange, params: SqlParams): string {
  const bounds = ['true'];
  if (range.from !== undefined) bounds.push(`start >= ${params.add(range.from)}::date`);
  if (range.until !== undefined) bounds.push(`start < ${params.add(range.until)}::date`);
  return bounds.join(' AND ');
}

/**
 * Everyone's funnel over a period of created or close days, from the period buckets (migration 1732509100000): the
 * month rows of the whole months inside it and the day rows at its edges, so the rows read depend on the period,
 * not on the number of opportunities. The medians locate their ranks in the bucket counts, then narrow the bucket
 * to one fine bucket (64 per bucket, migration 1732509380000): the month counts of the whole months, plus the
 * period's stays of the bucket on the days at the edges (read through the index on pipeline, stage, fine, day);
 * only the period's stays of that fine bucket are then read.
 */
function periodBuckets(pipelineId: string, period: { kind: 'created' | 'close'; from?: string; to?: string }, params: SqlParams) {
  const { months, days } = splitIntoMonths(period.from, period.to);
  const spans = [
    ...(months === null ? [] : [`(grain = 'month' AND ${startWithin(months, params)})`]),
    ...days.map((range) => `(grain = 'day' AND ${startWithin(range, params)})`),
  ];
  const kind = params.add(period.kind);
  const where = `pipeline_id = ${pipelineId} AND kind = ${kind} AND (${spans.join(' OR ')})`;
  const column = period.kind === 'created' ? 'x.created_on' : 'x.close_on';
  const between = (range: { from?: string; until?: string }) =>
    [
      ...(range.from === undefined ? [] : [`${column} >= ${params.add(range.from)}::date`]),
      ...(range.until === undefined ? [] : [`${column} < ${params.add(range.until)}::date`]),
    ].join(' AND ') || 'true';
  const inPeriod = between({ from: period.from, until: period.to === undefined ? undefined : nextDay(period.to) });
  const totals = `SELECT stage_id, status, reach, sum(count) AS count, sum(amount) AS amount, sum(plain_amount) AS plain_amount,
              sum(override_weighted) AS override_weighted
         FROM opportunity.funnel_period_totals WHERE ${where}
        GROUP BY stage_id, status, reach HAVING sum(count) <> 0`;
  const buckets = `SELECT stage_id, bucket, sum(count)::int AS count FROM opportunity.funnel_period_stays WHERE ${where} GROUP BY stage_id, bucket`;
  // Counts per fine bucket of the median's bucket within the period: whole months from their counts, edge days from their stays.
  const fineCounts = [
    ...(months === null
      ? []
      : [
          `SELECT fine, count FROM opportunity.funnel_period_fine
                 WHERE pipeline_id = ${pipelineId} AND kind = ${kind} AND stage_id = k.stage_id AND bucket = k.bucket
                   AND ${startWithin(months, params)}`,
        ]),
    ...days.map(
      (range) => `SELECT x.fine, 1 FROM opportunity.funnel_stays x
                 WHERE x.pipeline_id = ${pipelineId} AND x.stage_id = k.stage_id
                   AND x.fine = ANY(ARRAY(SELECT generate_series(k.bucket * 64, k.bucket * 64 + 63))) AND ${between(range)}`,
    ),
  ].join('\n               UNION ALL ');
  const value = `(SELECT (SELECT x.seconds::float8 FROM opportunity.funnel_stays x
                    WHERE x.pipeline_id = ${pipelineId} AND x.stage_id = k.stage_id AND x.fine = f.fine AND ${inPeriod}
                    ORDER BY x.seconds OFFSET k.rank - k.before - f.before LIMIT 1)
            FROM (SELECT fine, count, (sum(count) OVER (ORDER BY fine) - count)::int AS before
                    FROM (SELECT fine, sum(count)::int AS count FROM (${fineCounts}) AS u GROUP BY fine) AS g WHERE count > 0) f
           WHERE k.rank - k.before >= f.before AND k.rank - k.before < f.before + f.count)`;
  return { totals, stays: medians(buckets, value) };
}

/**
 * Some owners' figures over a period of created or close days: their month rows of the whole months inside it
 * (`funnel_owner_period_totals`, migration 1732509380000) and their contributions of the days at its edges, so the
 * rows read follow the owners, the period's months and its edge days, not the owners' opportunities in the period.
 */
function ownerPeriodTotals(pipelineId: string, owners: string, period: { kind: 'created' | 'close'; from?: string; to?: string }, params: SqlParams): string {
  const { months, days } = splitIntoMonths(period.from, period.to);
  const column = period.kind === 'created' ? 'created_on' : 'close_on';
  const parts = [
    ...(months === null
      ? []
      : [
          `SELECT stage_id, status, reach, count, amount, plain_amount, override_weighted FROM opportunity.funnel_owner_period_totals
                 WHERE pipeline_id = ${pipelineId} ${owners} AND kind = ${params.add(period.kind)} AND ${startWithin(months, params)}`,
        ]),
    ...days.map((range) => {
      const bounds = [
        ...(range.from === undefined ? [] : [`${column} >= ${params.add(range.from)}::date`]),
        ...(range.until === undefined ? [] : [`${column} < ${params.add(range.until)}::date`]),
      ];
      return `SELECT stage_id, status, reach, 1, coalesce(amount, 0), CASE WHEN probability_override IS NULL THEN coalesce(amount, 0) ELSE 0 END,
                        coalesce(amount * probability_override, 0)
                   FROM opportunity.report_contributions WHERE pipeline_id = ${pipelineId} ${owners} AND ${bounds.join(' AND ') || 'true'}`;
    }),
  ];
  return `SELECT stage_id, status, reach, sum(count) AS count, sum(amount) AS amount, sum(plain_amount) AS plain_amount,
              sum(override_weighted) AS override_weighted
         FROM (${parts.join('\n               UNION ALL ')}) AS u (stage_id, status, reach, count, amount, plain_amount, override_weighted)
        GROUP BY stage_id, status, reach HAVING sum(count) <> 0`;
}

/** Whether created or close dates narrow the funnel. */
export function isNarrowed(filters: FunnelFilters): boolean {
  return Boolean(filters.createdFrom || filters.createdTo || filters.closeFrom || filters.closeTo);
}

/**
 * The same figures from the read model (infrastructure/report-read-model.ts): rows per owner, current stage and
 * set of stages reached instead of opportunities and history. Positions, probabilities and outcomes come from
 * the stages now, as above. One statement answers the whole funnel, the pipeline included (the one given, or the
 * default when `pipelineId` is null; no row when there is none). Without a period, from the totals, the medians
 * from the stay buckets (`medianStays`). Narrowed by created or close dates: for everyone, by one of them, from
 * the period buckets (`periodBuckets`); within a scope, or by both dates at once, from each opportunity's
 * contribution and its completed stays in the period (their median as percentile_cont).
 * Exported so the benchmark sends exactly this SQL directly.
 */
export function funnelReadModelStatement(input: { pipelineId: string | null; owners: readonly string[] | null; filters?: FunnelFilters }): {
  text: string;
  values: unknown[];
} {
  const params = new SqlParams();
  const chosenPipeline =
    input.pipelineId === null
      ? `SELECT id FROM opportunity.pipelines WHERE is_default`
      : `SELECT id FROM opportunity.pipelines WHERE id = ${params.add(input.pipelineId)}::uuid`;
  const pipelineId = '(SELECT id FROM pipeline)';
  const owners = input.owners === null ? '' : `AND owner_id = ANY(${params.add(input.owners)}::uuid[])`;
  const narrowed = input.filters !== undefined && isNarrowed(input.filters);
  const bucketed = narrowed ? bucketPeriod(input.filters!) : undefined;
  const fromBuckets = bucketed !== undefined && input.owners === null ? periodBuckets(pipelineId, bucketed, params) : undefined;
  const ownerMonths = bucketed !== undefined && input.owners !== null ? ownerPeriodTotals(pipelineId, owners, bucketed, params) : undefined;
  const period = narrowed && !fromBuckets ? periodConditions(input.filters!, params) : '';
  const totals = fromBuckets
    ? fromBuckets.totals
    : ownerMonths !== undefined
      ? ownerMonths
      : narrowed
        ? `SELECT stage_id, status, reach, count(*) AS count, coalesce(sum(amount), 0) AS amount,
              coalesce(sum(amount) FILTER (WHERE probability_override IS NULL), 0) AS plain_amount,
              coalesce(sum(amount * probability_override), 0) AS override_weighted
         FROM opportunity.report_contributions WHERE pipeline_id = ${pipelineId} ${owners} ${period}
        GROUP BY stage_id, status, reach`
        : `SELECT stage_id, status, reach, sum(count) AS count, sum(amount) AS amount, sum(plain_amount) AS plain_amount,
              sum(override_weighted) AS override_weighted
         FROM opportunity.funnel_totals WHERE pipeline_id = ${pipelineId} ${owners} AND count <> 0
        GROUP BY stage_id, status, reach`;
  const stays = fromBuckets
    ? fromBuckets.stays
    : narrowed
      ? `stays AS MATERIALIZED (
         SELECT stage_id, count(*)::int AS stays, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds
           FROM opportunity.funnel_stays WHERE pipeline_id = ${pipelineId} ${owners} ${period} GROUP BY stage_id
       )`
      : medianStays(pipelineId, owners);
  return {
    text: `WITH pipeline AS (${chosenPipeline}),
       totals AS (${totals}),
       stages AS (
         SELECT id, name, position, outcome, probability, forecast_category
           FROM opportunity.stages WHERE pipeline_id = ${pipelineId} AND removed_at IS NULL
       ),
       current_figures AS (
         SELECT t.stage_id, sum(t.count)::int AS count, sum(t.amount) AS amount,
                sum(CASE t.status WHEN 'won' THEN t.amount * 100 WHEN 'lost' THEN 0 ELSE t.plain_amount * s.probability + t.override_weighted END) / 100 AS weighted
           FROM totals t JOIN opportunity.stages s ON s.id = t.stage_id GROUP BY t.stage_id
       ),
       furthest AS (
         SELECT r.reach, max(s.position) FILTER (WHERE s.outcome = 'open') AS open_position, bool_or(s.outcome = 'won') AS won
           FROM (SELECT DISTINCT reach FROM totals) r JOIN stages s ON s.id = ANY(r.reach) GROUP BY r.reach
       ),
       conversion AS (
         SELECT s.id AS stage_id, sum(t.count)::int AS reached,
                coalesce(sum(t.count) FILTER (WHERE f.won OR f.open_position > s.position), 0)::int AS advanced
           FROM stages s JOIN totals t ON s.id = ANY(t.reach) JOIN furthest f ON f.reach = t.reach
          GROUP BY s.id
       ),
       ${stays}
       SELECT p.id AS pipeline_id, s.id, s.name, s.outcome, s.probability, s.forecast_category,
              coalesce(f.count, 0) AS count,
              round(coalesce(f.amount, 0), 2)::text AS amount,
              round(coalesce(f.weighted, 0), 2)::text AS weighted,
              coalesce(v.reached, 0) AS reached, coalesce(v.advanced, 0) AS advanced,
              d.median_seconds, coalesce(d.stays, 0) AS stays
         FROM pipeline p
         LEFT JOIN stages s ON true
         LEFT JOIN current_figures f ON f.stage_id = s.id
         LEFT JOIN conversion v ON v.stage_id = s.id
         LEFT JOIN stays d ON d.stage_id = s.id
        ORDER BY s.position`,
    values: params.values,
  };
}

/**
 * Stays and medians of completed stays per stage, exactly as percentile_cont(0.5), as the \`stays\` CTE of the
 * funnel: the two middle ranks (0-based; the same one when the count is odd) are found in the running bucket
 * counts (256 per doubling), then the values at those ranks are read. For some owners, among their stays in that
 * bucket (an index that starts with the owner: the caller's rows only). For everyone, the fine counts (64 per
 * bucket) narrow it to one fine bucket first, so only its stays are read: the cost does not grow with the number
 * of stays. The median is low + (high − low) × 0.5 in float8, as percentile_cont computes it.
 */
function medianStays(pipelineId: string, owners: string): string {
  const value =
    owners === ''
      ? `(SELECT (SELECT x.seconds::float8 FROM opportunity.funnel_stays x
                    WHERE x.pipeline_id = ${pipelineId} AND x.stage_id = k.stage_id AND x.fine = f.fine
                    ORDER BY x.seconds OFFSET k.rank - k.before - f.before LIMIT 1)
            FROM (SELECT fine, count, (sum(count) OVER (ORDER BY fine) - count)::int AS before FROM opportunity.funnel_stay_fine
                   WHERE pipeline_id = ${pipelineId} AND stage_id = k.stage_id AND fine BETWEEN k.bucket::int * 64 AND k.bucket::int * 64 + 63 AND count > 0) f
           WHERE k.rank - k.before >= f.before AND k.rank - k.before < f.before + f.count)`
      : `(SELECT x.seconds::float8 FROM opportunity.funnel_stays x
           WHERE x.pipeline_id = ${pipelineId} ${owners.replace('owner_id', 'x.owner_id')} AND x.stage_id = k.stage_id AND x.bucket = k.bucket
           ORDER BY x.seconds OFFSET k.rank - k.before LIMIT 1)`;
  return medians(
    owners === ''
      ? `SELECT stage_id, bucket, count FROM opportunity.funnel_pipeline_stay_buckets WHERE pipeline_id = ${pipelineId}`
      : `SELECT stage_id, bucket, sum(count)::int AS count FROM opportunity.funnel_stay_buckets
          WHERE pipeline_id = ${pipelineId} ${owners} GROUP BY stage_id, bucket`,
    value,
  );
}

/**
 * The \`stays\` CTE from counts per (stage, bucket) and a subquery reading the value at rank \`k.rank\` in bucket
 * \`k.bucket\` (\`k.before\` stays in lower buckets).
 */
function medians(buckets: string, value: string): string {
  return `buckets AS (
         ${buckets}
       ),
       running AS (
         SELECT stage_id, bucket, count, (sum(count) OVER (PARTITION BY stage_id ORDER BY bucket) - count)::int AS before,
                (sum(count) OVER (PARTITION BY stage_id))::int AS total
           FROM buckets WHERE count > 0
       ),
       picks AS (
         SELECT r.stage_id, m.which, r.bucket, r.before, m.rank
           FROM running r CROSS JOIN LATERAL (VALUES (0, (r.total - 1) / 2), (1, r.total / 2)) AS m (which, rank)
          WHERE m.rank >= r.before AND m.rank < r.before + r.count
       ),
       medians AS (
         SELECT stage_id, min(seconds) FILTER (WHERE which = 0) AS low, min(seconds) FILTER (WHERE which = 1) AS high
           FROM (SELECT k.stage_id, k.which, ${value} AS seconds FROM picks k OFFSET 0) AS found
          GROUP BY stage_id
       ),
       stays AS MATERIALIZED (
         SELECT b.stage_id, sum(b.count)::int AS stays, min(m.low + (m.high - m.low) * 0.5) AS median_seconds
           FROM buckets b LEFT JOIN medians m ON m.stage_id = b.stage_id GROUP BY b.stage_id
       )`;
}

/** The sales funnel [销售漏斗]; sums are numeric in SQL and leave as text: no float ever touches money. */
@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly people: OpportunityPeople,
  ) {}

  async execute({ actor, filters }: GetFunnelQuery): Promise<FunnelView> {
    const owners = await reportOwners(actor, filters, this.people);
    const statement = funnelReadModelStatement({ pipelineId: filters.pipelineId ?? null, owners, filters });
    // One row per stage, or a single row without a stage for a pipeline that has none; no row: no such pipeline.
    const found = await this.tx.query<Omit<FunnelRow, 'id'> & { pipeline_id: string; id: string | null }>(statement.text, statement.values);
    const pipeline = found[0];
    if (!pipeline) throw OpportunityErrors.pipelineNotFound();
    const rows = found.filter((row): row is FunnelRow & { pipeline_id: string } => row.id !== null);
    return {
      pipelineId: pipeline.pipeline_id,
      stages: rows.map((row) => {
        const open = row.outcome === 'open';
        return {
          stageId: row.id,
          name: row.name,
          outcome: row.outcome,
          probability: row.probability,
          forecastCategory: row.forecast_category,
          count: row.count,
          amount: row.amount,
          weightedAmount: row.weighted,
          reached: row.reached,
          advanced: open ? row.advanced : null,
          conversionRate: open ? conversionRate(row.advanced, row.reached) : null,
          medianSecondsInStage: open && row.median_seconds !== null ? Math.round(Number(row.median_seconds)) : null,
          stays: open ? row.stays : 0,
        };
      }),
    };
  }
}
