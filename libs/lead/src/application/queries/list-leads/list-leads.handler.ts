import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, SqlParams, toPage, TransactionHost, type Page } from '@crm/platform';
import { LEAD_COLUMNS, type LeadRow } from '../../../infrastructure/lead-row.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadReader } from '../lead-reader.js';
import type { LeadView } from '../lead-view.js';
import { ListLeadsQuery } from './list-leads.query.js';

const EXACT_FILTERS = { status: 'status', grade: 'grade', ownerId: 'owner_id', channel: 'channel' } as const;

@QueryHandler(ListLeadsQuery)
export class ListLeadsHandler implements IQueryHandler<ListLeadsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: LeadAccess,
    private readonly reader: LeadReader,
  ) {}

  async execute({ actor, filters, limit, cursor }: ListLeadsQuery): Promise<Page<LeadView>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const reach = await this.access.reachOf(actor);
    const params = new SqlParams();
    const where = [reach.leadSql(params)];
    for (const [filter, column] of Object.entries(EXACT_FILTERS)) {
      const value = filters[filter as keyof typeof EXACT_FILTERS];
      if (value !== undefined) where.push(`l.${column} = ${params.add(value)}`);
    }
    if (filters.poolId) {
      where.push(filters.includeSubPools ? `l.pool_path @> ARRAY[${params.add(filters.poolId)}::uuid]` : `l.pool_id = ${params.add(filters.poolId)}`);
    }
    if (afterId) where.push(`l.id < ${params.add(afterId)}::uuid`);
    const rows = await this.tx.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM lead.leads l WHERE ${where.join(' AND ')} ORDER BY l.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const page = toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => row,
    );
    return { items: await this.reader.views(page.items), nextCursor: page.nextCursor };
  }
}
