import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { WebhookErrors } from '../../../domain/webhook.errors.js';
import { ChangeSubscriptionCommand } from './change-subscription.command.js';

@CommandHandler(ChangeSubscriptionCommand)
export class ChangeSubscriptionHandler implements ICommandHandler<ChangeSubscriptionCommand> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ subscriptionId, changes }: ChangeSubscriptionCommand): Promise<void> {
    const row = await this.tx.queryOne(
      `UPDATE webhook.subscriptions
          SET url = coalesce($2, url),
              event_type_prefixes = coalesce($3, event_type_prefixes),
              secret = coalesce($4, secret),
              active = coalesce($5, active),
              disabled_reason = CASE WHEN $5 IS TRUE THEN NULL ELSE disabled_reason END,
              updated_at = now()
        WHERE id = $1 RETURNING id`,
      [
        subscriptionId,
        changes.url ?? null,
        changes.eventTypePrefixes ? [...new Set(changes.eventTypePrefixes)] : null,
        changes.secret ?? null,
        changes.active ?? null,
      ],
    );
    if (!row) throw WebhookErrors.subscriptionNotFound();
  }
}
