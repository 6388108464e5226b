import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { ListNotificationsQuery, type NotificationView } from './list-notifications.query.js';

const NOTIFICATION_COLUMNS = `id, kind, title, body, link, event_id AS "eventId", created_at AS "createdAt", read_at AS "readAt"`;

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, unreadOnly, limit, cursor }: ListNotificationsQuery): Promise<Page<NotificationView>> {
    // The keyset is (unread, id) descending: unread (1) before read (0), newest id first within each.
    const [unread, beforeId] = (decodeCursor(cursor, ['number', 'uuid']) ?? [null, null]) as [number | null, string | null];
    const rows = await this.tx.query<NotificationView & { unread: boolean }>(
      `SELECT ${NOTIFICATION_COLUMNS}, read_at IS NULL AS unread
         FROM notification.notifications
        WHERE recipient_id = $1
          AND ($2::boolean IS FALSE OR read_at IS NULL)
          AND ($4::uuid IS NULL OR (read_at IS NULL, id) < ($3::int = 1, $4::uuid))
        ORDER BY read_at IS NULL DESC, id DESC
        LIMIT $5`,
      [actor.id, unreadOnly, unread, beforeId, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.unread ? 1 : 0, row.id],
      ({ unread: _unread, ...view }) => view,
    );
  }
}
