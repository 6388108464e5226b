import { Query } from '@nestjs/cqrs';

export interface SubscriptionView {
  id: string;
  url: string;
  eventTypePrefixes: string[];
  active: boolean;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Columns of a subscription as the API shows it: never the secret. */
export const SUBSCRIPTION_COLUMNS = `id, url, event_type_prefixes AS "eventTypePrefixes", active, disabled_reason AS "disabledReason", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** One webhook subscription [Webhook 订阅], without its secret. */
export class GetSubscriptionQuery extends Query<SubscriptionView> {
  constructor(readonly subscriptionId: string) {
    super();
  }
}
