import { DomainError, NotFoundError } from '@crm/kernel';

export const WebhookErrors = {
  subscriptionNotFound: () => new NotFoundError('WEBHOOK.SUBSCRIPTION_NOT_FOUND', 'No such webhook subscription.'),
  deliveryNotFound: () => new NotFoundError('WEBHOOK.DELIVERY_NOT_FOUND', 'No such delivery of this subscription.'),
  deliveryPending: () => new DomainError('WEBHOOK.DELIVERY_PENDING', 'conflict', 'The delivery is still pending: it will be sent (again) on its own.'),
};
