import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** The recipient marks one notification read [标为已读]; marking it again changes nothing. */
export class MarkNotificationReadCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly notificationId: string,
  ) {
    super();
  }
}
