import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { CountUnreadNotificationsQuery } from './count-unread-notifications.query.js';

@QueryHandler(CountUnreadNotificationsQuery)
export class CountUnreadNotificationsHandler implements IQueryHandler<CountUnreadNotificationsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor }: CountUnreadNotificationsQuery): Promise<{ unread: number }> {
    const [row] = await this.tx.query<{ unread: number }>(
      `SELECT count(*)::int AS unread FROM notification.notifications WHERE recipient_id = $1 AND read_at IS NULL`,
      [actor.id],
    );
    return { unread: row!.unread };
  }
}
