import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { WebhookSafety } from '../../../infrastructure/webhook-safety.js';
import { CreateSubscriptionCommand } from './create-subscription.command.js';

@CommandHandler(CreateSubscriptionCommand)
export class CreateSubscriptionHandler implements ICommandHandler<CreateSubscriptionCommand> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly safety: WebhookSafety,
  ) {}

  async execute({ input }: CreateSubscriptionCommand): Promise<{ id: string }> {
    await this.safety.assertTarget(input.url);
    const id = uuidv7();
    await this.tx.query(`INSERT INTO webhook.subscriptions (id, url, event_type_prefixes, secret, active) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      input.url,
      [...new Set(input.eventTypePrefixes)],
      this.safety.seal(input.secret),
      input.active,
    ]);
    return { id };
  }
}
