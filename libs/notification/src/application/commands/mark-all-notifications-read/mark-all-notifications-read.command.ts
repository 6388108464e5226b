import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** The caller marks all their unread notifications read [全部已读]; answers how many changed. */
export class MarkAllNotificationsReadCommand extends Command<{ marked: number }> {
  constructor(readonly actor: Actor) {
    super();
  }
}
