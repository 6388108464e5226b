import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, SqlParams, TransactionHost, type AppConfig } from '@crm/platform';
import { CampaignErrors } from '../../../domain/campaign.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { ConversionReportQuery, type ConversionFigures, type ConversionReport } from './conversion-report.query.js';

interface FiguresRow {
  converted: number;
  customers_created: number;
  customers_linked: number;
  opportunities: number;
  amount: string;
  won: number;
  won_amount: string;
}

interface CountRow {
  pool_id: string;
  name: string;
  parent_id: string | null;
  total: FiguresRow;
  here: FiguresRow;
}

const NONE: ConversionFigures = {
  converted: 0,
  customersCreated: 0,
  customersLinked: 0,
  opportunities: 0,
  opportunityAmount: '0.00',
  won: 0,
  wonAmount: '0.00',
};

const figures = (row: FiguresRow): ConversionFigures => ({
  converted: row.converted,
  customersCreated: row.customers_created,
  customersLinked: row.customers_linked,
  opportunities: row.opportunities,
  opportunityAmount: row.amount,
  won: row.won,
  wonAmount: row.won_amount,
});

/** The figures of the conversions in the group `condition` keeps, as one JSON object. */
const aggregate = (condition: string) => `json_build_object(
  'converted', count(*) FILTER (WHERE ${condition}),
  'customers_created', count(*) FILTER (WHERE ${condition} AND c.customer_created),
  'customers_linked', count(*) FILTER (WHERE ${condition} AND NOT c.customer_created),
  'opportunities', count(*) FILTER (WHERE ${condition} AND c.opportunity_id IS NOT NULL),
  'amount', (COALESCE(sum(c.amount) FILTER (WHERE ${condition} AND c.opportunity_id IS NOT NULL), 0)::numeric(18,2))::text,
  'won', count(*) FILTER (WHERE ${condition} AND c.won_at IS NOT NULL),
  'won_amount', (COALESCE(sum(c.won_amount) FILTER (WHERE ${condition} AND c.won_at IS NOT NULL), 0)::numeric(18,2))::text)`;

/**
 * One statement counts the period's converted leads within the caller's reach in the pool and
 * below it once for every pool on their path up to the pool: `total` with sub-pools, `here` where
 * the lead was converted (it stays in that pool). Pools are listed when the caller sees them (a
 * member or admin of them or of a pool above) or a lead they see is in them, so a team never learns
 * of another team's sub-pool's conversions; the pool asked for must be one the caller sees, so
 * nothing above it shows.
 */
@QueryHandler(ConversionReportQuery)
export class ConversionReportHandler implements IQueryHandler<ConversionReportQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: LeadAccess,
    private readonly pools: LeadPoolRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, poolId, from, to }: ConversionReportQuery): Promise<ConversionReport> {
    const reach = await this.access.reachOf(actor);
    const pool = await this.pools.find(poolId);
    if (!pool || !reach.seesPool(pool.path)) throw LeadPoolErrors.notFound();
    if (to < from) throw CampaignErrors.periodReversed();
    const params = new SqlParams();
    const leadScope = reach.leadSql(params);
    const poolScope = reach.poolSql(params);
    const fromAt = params.add(from);
    const toAt = params.add(to);
    const zone = params.add(this.config.timeZone);
    const root = params.add(poolId);
    const rows = await this.tx.query<CountRow>(
      `WITH converted AS (
         SELECT l.pool_id, l.pool_path, l.converted_customer_created AS customer_created,
                l.converted_opportunity_id AS opportunity_id, l.converted_opportunity_amount AS amount, o.won_at, o.won_amount
           FROM lead.leads l
           -- The conversion's opportunity as Lead keeps it from the Opportunity context's events (won or not yet).
           LEFT JOIN lead.lead_opportunities o ON o.opportunity_id = l.converted_opportunity_id
          WHERE l.status = 'converted'
            AND l.converted_at >= (${fromAt}::date)::timestamp AT TIME ZONE ${zone}
            AND l.converted_at < (${toAt}::date + 1)::timestamp AT TIME ZONE ${zone}
            AND l.pool_path @> ARRAY[${root}::uuid]
            AND ${leadScope}
       )
       SELECT p.id AS pool_id, p.name, p.parent_id, ${aggregate('true')} AS total, ${aggregate('p.id = c.pool_id')} AS here
         FROM converted c JOIN lead.pools p ON p.id = ANY(c.pool_path)
        WHERE (${poolScope} OR p.id = c.pool_id)
          AND p.path @> ARRAY[${root}::uuid]
        GROUP BY p.id
        ORDER BY p.path`,
      params.values,
    );
    const pools = rows.map((row) => ({ poolId: row.pool_id, name: row.name, parentId: row.parent_id, here: figures(row.here), total: figures(row.total) }));
    // The caller sees the pool, and every conversion counted is in it: its `total` is the report's.
    const totals = pools.find((row) => row.poolId === poolId)?.total ?? NONE;
    return { poolId, from, to, totals, pools };
  }
}
