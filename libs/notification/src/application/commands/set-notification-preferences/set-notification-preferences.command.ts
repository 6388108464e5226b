import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { NotificationKind } from '../../../domain/notification-kinds.js';

/** The caller switches kinds of notification on or off [消息提醒设置]; kinds not named keep their setting. */
export class SetNotificationPreferencesCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly changes: readonly { kind: NotificationKind; enabled: boolean }[],
  ) {
    super();
  }
}
