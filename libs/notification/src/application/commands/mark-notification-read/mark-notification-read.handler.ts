import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { NotificationErrors } from '../../../domain/notification.errors.js';
import { MarkNotificationReadCommand } from './mark-notification-read.command.js';

@CommandHandler(MarkNotificationReadCommand)
export class MarkNotificationReadHandler implements ICommandHandler<MarkNotificationReadCommand> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, notificationId }: MarkNotificationReadCommand): Promise<void> {
    // Someone else's notification answers exactly like a missing one.
    const row = await this.tx.queryOne<{ id: string }>(
      `UPDATE notification.notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2 RETURNING id`,
      [notificationId, actor.id],
    );
    if (!row) throw NotificationErrors.notFound();
  }
}
