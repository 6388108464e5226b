import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { SetNotificationPreferencesCommand } from './set-notification-preferences.command.js';

@CommandHandler(SetNotificationPreferencesCommand)
export class SetNotificationPreferencesHandler implements ICommandHandler<SetNotificationPreferencesCommand> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, changes }: SetNotificationPreferencesCommand): Promise<void> {
    const off = changes.filter((change) => !change.enabled).map((change) => change.kind);
    const on = changes.filter((change) => change.enabled).map((change) => change.kind);
    // One statement, so two concurrent changes of different kinds both land.
    await this.tx.query(
      `INSERT INTO notification.preferences AS p (user_id, disabled_kinds)
       VALUES ($1, ARRAY(SELECT DISTINCT k FROM unnest($2::text[]) AS k ORDER BY k))
       ON CONFLICT (user_id) DO UPDATE
          SET disabled_kinds = ARRAY(SELECT DISTINCT k FROM unnest(p.disabled_kinds || $2::text[]) AS k WHERE k <> ALL($3::text[]) ORDER BY k),
              updated_at = now()`,
      [actor.id, off, on],
    );
  }
}
