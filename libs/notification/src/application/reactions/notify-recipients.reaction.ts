import { Inject, Injectable } from '@nestjs/common';
import { ApprovalEvents } from '@crm/contracts/approval';
import { ContractEvents } from '@crm/contracts/contract';
import { UserDirectory } from '@crm/contracts/identity';
import { LeadEvents } from '@crm/contracts/lead';
import { PoolEvents } from '@crm/contracts/pool';
import { WebhookEvents } from '@crm/contracts/webhook';
import { APP_CONFIG, EventReaction, type AppConfig, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { recipients } from '../../domain/notification-kinds.js';
import { NotificationInbox } from '../../infrastructure/notification-inbox.js';
import { noticesFor } from './notices.js';

/**
 * Turns the events people must hear about into notifications [消息提醒], after commit and at least
 * once: the inbox stores one per (event, recipient, kind), so a redelivered event adds nothing,
 * and a kind the recipient switched off is not stored at all.
 */
@Injectable()
@EventReaction({
  consumer: 'notification.notify-recipients',
  events: [
    ApprovalEvents.requested,
    ApprovalEvents.stepApproved,
    ApprovalEvents.granted,
    ApprovalEvents.rejected,
    PoolEvents.customerTransferred,
    PoolEvents.recycleReminder,
    WebhookEvents.subscriptionDisabled,
    ContractEvents.endingSoon,
    ContractEvents.instalmentDue,
    ContractEvents.instalmentOverdue,
    LeadEvents.recycleReminderV2,
  ],
})
export class NotifyRecipientsReaction implements EventReactionHandler {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly directory: UserDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    for (const notice of await noticesFor(event, this.directory, this.config.timeZone)) {
      await this.inbox.deliver(event.id, { ...notice, recipientIds: recipients(notice.recipientIds, event.actor) });
    }
  }
}
