import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { ListLossReasonsQuery, type LossReasonView } from './list-loss-reasons.query.js';

@QueryHandler(ListLossReasonsQuery)
export class ListLossReasonsHandler implements IQueryHandler<ListLossReasonsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ limit, cursor }: ListLossReasonsQuery): Promise<Page<LossReasonView>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? [null]) as [string | null];
    const rows = await this.tx.query<{ id: string; name: string; created_at: Date }>(
      `SELECT id, name, created_at FROM opportunity.loss_reasons WHERE active AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => ({ id: row.id, name: row.name, createdAt: row.created_at.toISOString() }),
    );
  }
}
