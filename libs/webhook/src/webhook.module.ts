import { Module } from '@nestjs/common';
import { ChangeSubscriptionHandler } from './application/commands/change-subscription/change-subscription.handler.js';
import { CreateSubscriptionHandler } from './application/commands/create-subscription/create-subscription.handler.js';
import { DeleteSubscriptionHandler } from './application/commands/delete-subscription/delete-subscription.handler.js';
import { RedeliverHandler } from './application/commands/redeliver/redeliver.handler.js';
import { DeliverySignal } from './application/delivery/delivery-signal.js';
import { WebhookDeliveryWorker } from './application/delivery/webhook-delivery.worker.js';
import { GetSubscriptionHandler } from './application/queries/get-subscription/get-subscription.handler.js';
import { ListDeliveriesHandler } from './application/queries/list-deliveries/list-deliveries.handler.js';
import { ListSubscriptionsHandler } from './application/queries/list-subscriptions/list-subscriptions.handler.js';
import { EnqueueWebhookDeliveriesReaction } from './application/reactions/enqueue-webhook-deliveries.reaction.js';
import { WebhookSubscriptionsController } from './http/webhook-subscriptions.controller.js';
import { WebhookSafety } from './infrastructure/webhook-safety.js';
import './webhook.messages.js';

/** Webhooks [Webhook]: committed events POSTed to internal systems, signed, at least once, in order per customer. */
@Module({
  controllers: [WebhookSubscriptionsController],
  providers: [
    DeliverySignal,
    WebhookSafety,
    WebhookDeliveryWorker,
    EnqueueWebhookDeliveriesReaction,
    CreateSubscriptionHandler,
    ChangeSubscriptionHandler,
    DeleteSubscriptionHandler,
    RedeliverHandler,
    GetSubscriptionHandler,
    ListSubscriptionsHandler,
    ListDeliveriesHandler,
  ],
})
export class WebhookModule {}
