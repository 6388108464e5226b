import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListCustomerSummariesQuery } from '@crm/contracts/customer';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import type { ClaimScope } from '../../../domain/claim-scope.js';
import { DEFAULT_POOL_RULES, mayClaimDirectly, type PoolRules } from '../../../domain/pool-rules.js';
import { ListMyCustomersQuery, type HeldCustomerView } from './list-my-customers.query.js';
import { RECYCLE_DAYS_SQL } from '../../../infrastructure/pool-sql.js';

interface Row {
  customer_id: string;
  grade: string;
  pool_id: string;
  rules: PoolRules;
  scopes: ClaimScope[];
  since: Date;
  last_activity_at: Date;
  recycle_at: Date;
  granted: boolean;
}

@QueryHandler(ListMyCustomersQuery)
export class ListMyCustomersHandler implements IQueryHandler<ListMyCustomersQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, limit, cursor }: ListMyCustomersQuery): Promise<Page<HeldCustomerView>> {
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tx.query<Row>(
      `SELECT * FROM (
         SELECT e.customer_id, e.grade, e.pool_id, p.rules, e.last_activity_at,
                min(pr.since) AS since,
                bool_or(pr.source IN ('approval', 'transfer')) AS granted,
                json_agg(json_build_object('kind', pr.scope_kind, 'productLineId', pr.product_line_id, 'productId',
                         CASE WHEN pr.scope_kind = 'product' THEN pr.scope_id END)) AS scopes,
                e.last_activity_at + make_interval(days =>
                  ${RECYCLE_DAYS_SQL}) AS recycle_at
           FROM pool.protections pr
           JOIN pool.entries e ON e.customer_id = pr.customer_id
           JOIN pool.pools p ON p.id = e.pool_id
          WHERE pr.holder_id = $1 AND pr.released_at IS NULL
          GROUP BY e.customer_id, e.grade, e.pool_id, p.rules, e.last_activity_at
       ) held
       WHERE ($2::timestamptz IS NULL OR (recycle_at, customer_id) > ($2::timestamptz, $3::uuid))
       ORDER BY recycle_at, customer_id
       LIMIT $4`,
      [actor.id, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const summaries = await this.queries.execute(new ListCustomerSummariesQuery({ ids: rows.map((row) => row.customer_id) }));
    const names = new Map(summaries.map((summary) => [summary.id, summary.name]));
    const now = Date.now();
    return toPage(
      rows,
      limit,
      (row) => [new Date(row.recycle_at).toISOString(), row.customer_id],
      (row) => ({
        customerId: row.customer_id,
        name: names.get(row.customer_id) ?? null,
        grade: row.grade,
        poolId: row.pool_id,
        scopes: row.scopes.map((scope) => JSON.parse(JSON.stringify(scope, (_, value) => value ?? undefined)) as ClaimScope),
        since: new Date(row.since).toISOString(),
        lastActivityAt: new Date(row.last_activity_at).toISOString(),
        recycleAt: new Date(row.recycle_at).toISOString(),
        daysUntilRecycle: Math.max(0, Math.ceil((new Date(row.recycle_at).getTime() - now) / 86_400_000)),
        // POOL-3: held from before a grade rule that would refuse it today. What an approver or a manager gave is not.
        grandfathered: !row.granted && !mayClaimDirectly({ ...DEFAULT_POOL_RULES, ...row.rules }, row.grade, actor.roles),
      }),
    );
  }
}
