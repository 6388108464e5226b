import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, SqlParams, TransactionHost, type AppConfig } from '@crm/platform';
import { CampaignErrors } from '../../../domain/campaign.js';
import { closuresByReason } from '../../../domain/closure-report.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { ClosureReasonStore } from '../../../infrastructure/closure-reason-store.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { ClosureReportQuery, type ClosureReport, type PoolClosures } from './closure-report.query.js';

interface CountRow {
  pool_id: string;
  name: string;
  parent_id: string | null;
  reason: string;
  closed: number;
  closed_here: number;
}

/**
 * One statement counts the period's closed leads within the caller's reach once for every pool on
 * their path: `closed` with sub-pools, `closed_here` where the lead is. Pools are listed when the
 * caller sees them (a member or admin of them or of a pool above) or a lead they see is in them,
 * so nobody learns of closures outside their pools and data scope, nor of pools above their own.
 */
@QueryHandler(ClosureReportQuery)
export class ClosureReportHandler implements IQueryHandler<ClosureReportQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: LeadAccess,
    private readonly pools: LeadPoolRepository,
    private readonly reasons: ClosureReasonStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, from, to, poolId }: ClosureReportQuery): Promise<ClosureReport> {
    if (to < from) throw CampaignErrors.periodReversed();
    const reach = await this.access.reachOf(actor);
    if (poolId) {
      const pool = await this.pools.find(poolId);
      if (!pool || !reach.seesPool(pool.path)) throw LeadPoolErrors.notFound();
    }
    const params = new SqlParams();
    const leadScope = reach.leadSql(params);
    const poolScope = reach.poolSql(params);
    const fromAt = params.add(from);
    const toAt = params.add(to);
    const zone = params.add(this.config.timeZone);
    const root = poolId ? params.add(poolId) : null;
    const rows = await this.tx.query<CountRow>(
      `WITH closed AS (
         SELECT l.pool_id, l.pool_path, l.closed_reason
           FROM lead.leads l
          WHERE l.status = 'closed'
            AND l.closed_at >= (${fromAt}::date)::timestamp AT TIME ZONE ${zone}
            AND l.closed_at < (${toAt}::date + 1)::timestamp AT TIME ZONE ${zone}
            AND ${leadScope}
            ${root ? `AND l.pool_path @> ARRAY[${root}::uuid]` : ''}
       )
       SELECT p.id AS pool_id, p.name, p.parent_id, c.closed_reason AS reason,
              count(*)::int AS closed, count(*) FILTER (WHERE p.id = c.pool_id)::int AS closed_here
         FROM closed c JOIN lead.pools p ON p.id = ANY(c.pool_path)
        WHERE (${poolScope} OR p.id = c.pool_id)
          ${root ? `AND p.path @> ARRAY[${root}::uuid]` : ''}
        GROUP BY p.id, c.closed_reason
        ORDER BY p.path, c.closed_reason`,
      params.values,
    );
    const reasons = await this.reasons.list(false);
    // Every closed lead has one row where it is (closed_here): those add up to the period's closures per reason.
    const counts = new Map<string, number>();
    for (const row of rows) if (row.closed_here > 0) counts.set(row.reason, (counts.get(row.reason) ?? 0) + row.closed_here);
    const { items, closed } = closuresByReason(reasons, counts);
    const order = new Map(reasons.map((reason, index) => [reason.key, index]));
    const pools = new Map<string, PoolClosures>();
    for (const row of rows) {
      const pool = pools.get(row.pool_id) ?? { poolId: row.pool_id, name: row.name, parentId: row.parent_id, closed: 0, closedHere: 0, reasons: [] };
      pools.set(row.pool_id, pool);
      pool.closed += row.closed;
      pool.closedHere += row.closed_here;
      pool.reasons.push({ reason: row.reason, closed: row.closed });
    }
    for (const pool of pools.values()) pool.reasons.sort((a, b) => (order.get(a.reason) ?? 0) - (order.get(b.reason) ?? 0));
    return { from, to, poolId: poolId ?? null, items, totals: { closed }, pools: [...pools.values()] };
  }
}
