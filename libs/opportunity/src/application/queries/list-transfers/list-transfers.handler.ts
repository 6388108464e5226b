import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { GetOpportunityQuery } from '../get-opportunity/get-opportunity.query.js';
import { ListTransfersQuery, type TransferView } from './list-transfers.query.js';

@QueryHandler(ListTransfersQuery)
export class ListTransfersHandler implements IQueryHandler<ListTransfersQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, opportunityId, limit, cursor }: ListTransfersQuery): Promise<Page<TransferView>> {
    await this.queries.execute(new GetOpportunityQuery(actor, opportunityId));
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tx.query<{ id: string; from_user_id: string; to_user_id: string; reason: string; transferred_by: string; transferred_at: Date }>(
      `SELECT id, from_user_id, to_user_id, reason, transferred_by, transferred_at FROM opportunity.transfers
        WHERE opportunity_id = $1 AND ($2::timestamptz IS NULL OR (transferred_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY transferred_at, id LIMIT $4`,
      [opportunityId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.transferred_at.toISOString(), row.id],
      (row) => ({
        id: row.id,
        fromUserId: row.from_user_id,
        toUserId: row.to_user_id,
        reason: row.reason,
        transferredBy: row.transferred_by,
        transferredAt: row.transferred_at.toISOString(),
      }),
    );
  }
}
