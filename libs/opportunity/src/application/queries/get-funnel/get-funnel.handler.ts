import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, SqlParams, TransactionHost, type AppConfig } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
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
 * Exported so the benchmark sends exactly this SQL directly.
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

/** The sales funnel [销售漏斗]; sums are numeric in SQL and leave as text: no float ever touches money. */
@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly people: OpportunityPeople,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, filters }: GetFunnelQuery): Promise<FunnelView> {
    const pipeline = await this.tx.queryOne<{ id: string }>(
      filters.pipelineId ? `SELECT id FROM opportunity.pipelines WHERE id = $1` : `SELECT id FROM opportunity.pipelines WHERE is_default`,
      filters.pipelineId ? [filters.pipelineId] : [],
    );
    if (!pipeline) throw OpportunityErrors.pipelineNotFound();
    const owners = await reportOwners(actor, filters, this.people);
    const statement = funnelStatement({ pipelineId: pipeline.id, owners, filters, timeZone: this.config.timeZone });
    const rows = await this.tx.query<FunnelRow>(statement.text, statement.values);
    return {
      pipelineId: pipeline.id,
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
          medianSecondsInStage: open && row.median_seconds !== null ? Number(row.median_seconds) : null,
          stays: open ? row.stays : 0,
        };
      }),
    };
  }
}
