import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import type { Notice } from '../domain/notification-kinds.js';

/** Stores notifications in the caller's transaction. */
@Injectable()
export class NotificationInbox {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * One notification per recipient who has not switched the kind off; (event, recipient, kind) is
   * unique, so delivering the same event again stores nothing new. Returns how many were stored.
   */
  async deliver(eventId: string, notice: Notice): Promise<number> {
    if (notice.recipientIds.length === 0) return 0;
    const ids = notice.recipientIds.map(() => uuidv7());
    const stored = await this.tx.execute(
      `INSERT INTO notification.notifications (id, recipient_id, kind, title, body, link, event_id)
       SELECT r.id, r.recipient_id, $3, $4, $5, $6, $7
         FROM unnest($1::uuid[], $2::uuid[]) AS r(id, recipient_id)
        WHERE NOT EXISTS (SELECT 1 FROM notification.preferences p WHERE p.user_id = r.recipient_id AND $3 = ANY(p.disabled_kinds))
       ON CONFLICT (event_id, recipient_id, kind) DO NOTHING`,
      [ids, notice.recipientIds, notice.kind, notice.title, notice.body, notice.link, eventId],
    );
    return stored.rowCount;
  }
}
