import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** How many of the caller's notifications are unread [未读消息数]. */
export class CountUnreadNotificationsQuery extends Query<{ unread: number }> {
  constructor(readonly actor: Actor) {
    super();
  }
}
