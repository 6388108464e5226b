import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { SUBSCRIPTION_COLUMNS, type SubscriptionView } from '../get-subscription/get-subscription.query.js';
import { ListSubscriptionsQuery } from './list-subscriptions.query.js';

@QueryHandler(ListSubscriptionsQuery)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptionsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ limit, cursor }: ListSubscriptionsQuery): Promise<Page<SubscriptionView>> {
    const [beforeId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.tx.query<SubscriptionView>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook.subscriptions WHERE ($1::uuid IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
      [beforeId ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => row,
    );
  }
}
