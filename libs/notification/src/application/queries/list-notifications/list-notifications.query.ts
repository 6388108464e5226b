import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { NotificationKind } from '../../../domain/notification-kinds.js';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  eventId: string;
  createdAt: Date;
  readAt: Date | null;
}

/** The caller's own notifications [消息提醒]: unread first, then newest. */
export class ListNotificationsQuery extends Query<Page<NotificationView>> {
  constructor(
    readonly actor: Actor,
    readonly unreadOnly: boolean,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
