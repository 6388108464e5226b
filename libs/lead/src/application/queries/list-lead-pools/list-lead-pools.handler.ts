import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, SqlParams, toPage, TransactionHost, type Page } from '@crm/platform';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { LEAD_POOL_VIEW_COLUMNS, toLeadPoolView, type LeadPoolRow, type LeadPoolView } from '../lead-pool-view.js';
import { ListLeadPoolsQuery } from './list-lead-pools.query.js';

@QueryHandler(ListLeadPoolsQuery)
export class ListLeadPoolsHandler implements IQueryHandler<ListLeadPoolsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: LeadAccess,
    private readonly pools: LeadPoolRepository,
  ) {}

  async execute({ actor, filters, limit, cursor }: ListLeadPoolsQuery): Promise<Page<LeadPoolView>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const reach = await this.access.reachOf(actor);
    const params = new SqlParams();
    const where = [reach.poolSql(params)];
    if (filters.parentId) where.push(`p.parent_id = ${params.add(filters.parentId)}`);
    if (afterId) where.push(`p.id > ${params.add(afterId)}::uuid`);
    // Ids are time-ordered and a parent always exists before its children.
    const rows = await this.tx.query<LeadPoolRow>(
      `SELECT ${LEAD_POOL_VIEW_COLUMNS} FROM lead.pools p WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const page = toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => row,
    );
    const names = await this.pools.names(page.items.flatMap((row) => row.path));
    return { items: page.items.map((row) => toLeadPoolView(row, reach, names)), nextCursor: page.nextCursor };
  }
}
