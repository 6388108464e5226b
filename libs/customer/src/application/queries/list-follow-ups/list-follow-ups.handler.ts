import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import type { FollowUpChannel } from '../../../domain/customer.types.js';
import { GetCustomerQuery } from '../get-customer/get-customer.query.js';
import { ListFollowUpsQuery, type FollowUpView } from './list-follow-ups.query.js';

interface FollowUpRow {
  id: string;
  customer_id: string;
  author_id: string;
  channel: FollowUpChannel;
  content: string;
  occurred_at: Date;
  next_followup_at: Date | null;
  created_at: Date;
}

@QueryHandler(ListFollowUpsQuery)
export class ListFollowUpsHandler implements IQueryHandler<ListFollowUpsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
    private readonly identity: UserDirectory,
  ) {}

  async execute({ actor, customerId, limit, cursor }: ListFollowUpsQuery): Promise<Page<FollowUpView>> {
    await this.queries.execute(new GetCustomerQuery(actor, customerId));
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tx.query<FollowUpRow>(
      `SELECT id, customer_id, author_id, channel, content, occurred_at, next_followup_at, created_at
         FROM customer.follow_ups
        WHERE customer_id = $1 AND ($2::timestamptz IS NULL OR (occurred_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY occurred_at DESC, id DESC
        LIMIT $4`,
      [customerId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const names = await this.identity.displayNames(rows.map((row) => row.author_id));
    return toPage(
      rows,
      limit,
      (row) => [row.occurred_at.toISOString(), row.id],
      (row) => ({
        id: row.id,
        customerId: row.customer_id,
        author: { id: row.author_id, name: names.get(row.author_id) ?? null },
        channel: row.channel,
        content: row.content,
        occurredAt: row.occurred_at.toISOString(),
        nextFollowUpAt: row.next_followup_at?.toISOString() ?? null,
        createdAt: row.created_at.toISOString(),
      }),
    );
  }
}
