import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { WebhookErrors } from '../../../domain/webhook.errors.js';
import { DeleteSubscriptionCommand } from './delete-subscription.command.js';

@CommandHandler(DeleteSubscriptionCommand)
export class DeleteSubscriptionHandler implements ICommandHandler<DeleteSubscriptionCommand> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ subscriptionId }: DeleteSubscriptionCommand): Promise<void> {
    const deleted = await this.tx.execute(`DELETE FROM webhook.subscriptions WHERE id = $1`, [subscriptionId]);
    if (deleted.rowCount === 0) throw WebhookErrors.subscriptionNotFound();
  }
}
