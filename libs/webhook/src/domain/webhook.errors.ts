import { DomainError, NotFoundError } from '@crm/kernel';

export const WebhookErrors = {
  subscriptionNotFound: () => new NotFoundError('WEBHOOK.SUBSCRIPTION_NOT_FOUND', 'No such webhook subscription.'),
  deliveryNotFound: () => new NotFoundError('WEBHOOK.DELIVERY_NOT_FOUND', 'No such delivery of this subscription.'),
  targetNotAllowed: (address: string) =>
    new DomainError(
      'WEBHOOK.TARGET_NOT_ALLOWED',
      'rule-violation',
      `The URL's host resolves to ${address}, a private, loopback or link-local address; an administrator can allow its network (CRM_WEBHOOK_ALLOWED_NETWORKS).`,
      { address },
    ),
  deliveryPending: () => new DomainError('WEBHOOK.DELIVERY_PENDING', 'conflict', 'The delivery is still pending: it will be sent (again) on its own.'),
};
