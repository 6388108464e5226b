import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { ContactErrors } from '../../../domain/contact.errors.js';
import { linkEvents } from '../../../domain/contact.events.js';
import { ContactRepository } from '../../../infrastructure/contact.repository.js';
import { ContactAccess } from '../../contact-access.js';
import { ChangeContactLinkCommand } from './change-contact-link.command.js';

@CommandHandler(ChangeContactLinkCommand)
export class ChangeContactLinkHandler implements ICommandHandler<ChangeContactLinkCommand> {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly access: ContactAccess,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, contactId, customerId, changes }: ChangeContactLinkCommand): Promise<void> {
    return this.tx.run(async () => {
      await this.access.assertCustomerWorkable(actor, customerId);
      const before = await this.contacts.activeLink(contactId, customerId);
      if (!before) throw ContactErrors.linkNotFound();
      if (changes.endedOn && changes.endedOn < before.startedOn) throw ContactErrors.linkEndBeforeStart();
      const after = {
        ...before,
        role: changes.role ?? before.role,
        title: changes.title !== undefined ? changes.title : before.title,
        isPrimary: changes.primary ?? before.isPrimary,
        endedOn: changes.endedOn ?? null,
      };
      await this.contacts.changeLink(after);
      const changed = Object.fromEntries(
        (['role', 'title', 'isPrimary', 'endedOn'] as const)
          .filter((field) => before[field] !== after[field])
          .map((field) => [field, { from: before[field], to: after[field] }]),
      );
      await this.events.record([linkEvents.changed(after, changed)]);
    });
  }
}
