import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { SubscriptionView } from '../get-subscription/get-subscription.query.js';

/** Webhook subscriptions, newest first. */
export class ListSubscriptionsQuery extends Query<Page<SubscriptionView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
