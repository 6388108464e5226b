import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { ALL_NOTIFICATION_KINDS, NOTIFICATION_KINDS } from '../../../domain/notification-kinds.js';
import { GetNotificationPreferencesQuery, type NotificationPreferenceView } from './get-notification-preferences.query.js';

@QueryHandler(GetNotificationPreferencesQuery)
export class GetNotificationPreferencesHandler implements IQueryHandler<GetNotificationPreferencesQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor }: GetNotificationPreferencesQuery): Promise<NotificationPreferenceView[]> {
    const row = await this.tx.queryOne<{ disabled_kinds: string[] }>(`SELECT disabled_kinds FROM notification.preferences WHERE user_id = $1`, [actor.id]);
    const disabled = row?.disabled_kinds ?? [];
    return ALL_NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_KINDS[kind], enabled: !disabled.includes(kind) }));
  }
}
