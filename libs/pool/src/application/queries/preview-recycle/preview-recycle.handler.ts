import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { isPoolAdmin } from '../../pool-access.js';
import { PreviewRecycleQuery, type RecyclePreviewItem } from './preview-recycle.query.js';
import { RECYCLE_DAYS_SQL } from '../../../infrastructure/pool-sql.js';

@QueryHandler(PreviewRecycleQuery)
export class PreviewRecycleHandler implements IQueryHandler<PreviewRecycleQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly pool: PoolRepository,
  ) {}

  async execute({ actor, poolId, limit }: PreviewRecycleQuery) {
    const pool = await this.pool.findPool(poolId);
    if (!pool || !isPoolAdmin(actor, pool)) throw PoolErrors.poolNotFound();
    const rows = await this.tx.query<{ customer_id: string; grade: string; holder_ids: string[]; last_activity_at: Date; due_since: Date; total: number }>(
      `SELECT e.customer_id, e.grade, e.last_activity_at,
              e.last_activity_at + make_interval(days => ${RECYCLE_DAYS_SQL}) AS due_since,
              ARRAY(SELECT DISTINCT pr.holder_id FROM pool.protections pr WHERE pr.customer_id = e.customer_id AND pr.released_at IS NULL) AS holder_ids,
              count(*) OVER ()::int AS total
         FROM pool.entries e JOIN pool.pools p ON p.id = e.pool_id
        WHERE e.pool_id = $1 AND e.protected AND e.last_activity_at < now() - make_interval(days => ${RECYCLE_DAYS_SQL})
        ORDER BY e.last_activity_at
        LIMIT $2`,
      [poolId, limit],
    );
    const items: RecyclePreviewItem[] = rows.map((row) => ({
      customerId: row.customer_id,
      grade: row.grade,
      holderIds: row.holder_ids,
      lastActivityAt: new Date(row.last_activity_at).toISOString(),
      dueSince: new Date(row.due_since).toISOString(),
    }));
    return { poolId, total: rows[0]?.total ?? 0, items };
  }
}
