import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { NotificationKind } from '../../../domain/notification-kinds.js';

export interface NotificationPreferenceView {
  kind: NotificationKind;
  label: string;
  enabled: boolean;
}

/** Which kinds of notification the caller wants [消息提醒设置]; every kind is on until switched off. */
export class GetNotificationPreferencesQuery extends Query<NotificationPreferenceView[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}
