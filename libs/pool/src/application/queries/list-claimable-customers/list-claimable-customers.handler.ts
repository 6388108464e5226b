import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListCustomerSummariesQuery } from '@crm/contracts/customer';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { DEFAULT_POOL_RULES, mayClaimDirectly, type PoolRules } from '../../../domain/pool-rules.js';
import { ListClaimableCustomersQuery, type ClaimableCustomerView } from './list-claimable-customers.query.js';

interface Row {
  customer_id: string;
  grade: string;
  pool_id: string;
  rules: PoolRules;
  entered_pool_at: Date;
  protected: boolean;
  reserved: boolean;
}

@QueryHandler(ListClaimableCustomersQuery)
export class ListClaimableCustomersHandler implements IQueryHandler<ListClaimableCustomersQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, filters, limit, cursor }: ListClaimableCustomersQuery): Promise<Page<ClaimableCustomerView>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.tx.query<Row>(
      `SELECT e.customer_id, e.grade, e.pool_id, p.rules, e.entered_pool_at, e.protected,
              EXISTS (SELECT 1 FROM pool.applications a WHERE a.customer_id = e.customer_id AND a.status = 'pending') AS reserved
         FROM pool.entries e JOIN pool.pools p ON p.id = e.pool_id
        WHERE NOT e.wholly_protected
          AND (p.department_id IS NULL OR p.department_id = $1 OR $2)
          AND ($3::uuid IS NULL OR e.pool_id = $3)
          AND ($4::text IS NULL OR e.grade = $4)
          AND ($5::uuid IS NULL OR e.customer_id < $5)
        ORDER BY e.customer_id DESC
        LIMIT $6`,
      [actor.departmentId, actor.dataScope === 'all', filters.poolId ?? null, filters.grade ?? null, afterId ?? null, limit + 1],
    );
    const summaries = await this.queries.execute(new ListCustomerSummariesQuery({ ids: rows.map((row) => row.customer_id) }));
    const byId = new Map(summaries.map((summary) => [summary.id, summary]));
    return toPage(
      rows,
      limit,
      (row) => [row.customer_id],
      (row) => {
        const summary = byId.get(row.customer_id);
        return {
          customerId: row.customer_id,
          name: summary?.name ?? null,
          grade: row.grade,
          industry: summary?.industry ?? null,
          province: summary?.province ?? null,
          city: summary?.city ?? null,
          poolId: row.pool_id,
          enteredPoolAt: new Date(row.entered_pool_at).toISOString(),
          partiallyProtected: row.protected,
          reserved: row.reserved,
          canClaimDirectly: mayClaimDirectly({ ...DEFAULT_POOL_RULES, ...row.rules }, row.grade, actor.roles),
        };
      },
    );
  }
}
