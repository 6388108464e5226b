import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
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
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, contactId, customerId, changes }: ChangeContactLinkCommand): Promise<void> {
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
    this.uow.raise(linkEvents.changed(after, changed));
  }
}
