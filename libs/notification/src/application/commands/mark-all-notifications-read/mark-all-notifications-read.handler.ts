import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { MarkAllNotificationsReadCommand } from './mark-all-notifications-read.command.js';

@CommandHandler(MarkAllNotificationsReadCommand)
export class MarkAllNotificationsReadHandler implements ICommandHandler<MarkAllNotificationsReadCommand> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor }: MarkAllNotificationsReadCommand): Promise<{ marked: number }> {
    const result = await this.tx.execute(`UPDATE notification.notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`, [actor.id]);
    return { marked: result.rowCount };
  }
}
