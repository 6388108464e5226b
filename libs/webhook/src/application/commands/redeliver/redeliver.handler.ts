import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { WebhookErrors } from '../../../domain/webhook.errors.js';
import { DeliverySignal } from '../../delivery/delivery-signal.js';
import { RedeliverCommand } from './redeliver.command.js';

@CommandHandler(RedeliverCommand)
export class RedeliverHandler implements ICommandHandler<RedeliverCommand> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: DeliverySignal,
  ) {}

  async execute({ subscriptionId, deliveryId }: RedeliverCommand): Promise<void> {
    // A fresh retry window from now; the attempts so far stay counted.
    const row = await this.tx.queryOne<{ status: string }>(`SELECT status FROM webhook.deliveries WHERE id = $1 AND subscription_id = $2 FOR UPDATE`, [
      deliveryId,
      subscriptionId,
    ]);
    if (!row) throw WebhookErrors.deliveryNotFound();
    // A pending one is already on its way (perhaps being sent right now): sending it twice at once helps nobody.
    if (row.status === 'pending') throw WebhookErrors.deliveryPending();
    await this.tx.query(`UPDATE webhook.deliveries SET status = 'pending', next_attempt_at = now(), retry_from = now(), delivered_at = NULL WHERE id = $1`, [
      deliveryId,
    ]);
    this.tx.afterCommit(() => this.signal.wake());
  }
}
