import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { WebhookErrors } from '../../../domain/webhook.errors.js';
import { WebhookSafety } from '../../../infrastructure/webhook-safety.js';
import { ChangeSubscriptionCommand } from './change-subscription.command.js';

@CommandHandler(ChangeSubscriptionCommand)
export class ChangeSubscriptionHandler implements ICommandHandler<ChangeSubscriptionCommand> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly safety: WebhookSafety,
  ) {}

  async execute({ subscriptionId, changes }: ChangeSubscriptionCommand): Promise<void> {
    if (changes.url) await this.safety.assertTarget(changes.url);
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
        changes.secret ? this.safety.seal(changes.secret) : null,
        changes.active ?? null,
      ],
    );
    if (!row) throw WebhookErrors.subscriptionNotFound();
  }
}
