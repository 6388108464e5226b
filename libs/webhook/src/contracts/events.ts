import { defineEvent } from '@crm/kernel';

/** Events of the Webhook context, declared once. */
export const WebhookEvents = {
  subscriptionDisabled: defineEvent<{ subscriptionId: string; url: string; reason: string }>('webhook.subscription-disabled', 1, {
    aggregateType: 'webhook-subscription',
    description: 'A webhook subscription [Webhook 订阅] kept failing and was switched off; administrators are told.',
  }),
};
