import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { WebhookErrors } from '../../../domain/webhook.errors.js';
import { GetSubscriptionQuery, SUBSCRIPTION_COLUMNS, type SubscriptionView } from './get-subscription.query.js';

@QueryHandler(GetSubscriptionQuery)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscriptionQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ subscriptionId }: GetSubscriptionQuery): Promise<SubscriptionView> {
    const row = await this.tx.queryOne<SubscriptionView>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook.subscriptions WHERE id = $1`, [subscriptionId]);
    if (!row) throw WebhookErrors.subscriptionNotFound();
    return row;
  }
}
