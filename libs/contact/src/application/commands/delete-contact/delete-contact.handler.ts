import { ContactEvents } from '../../../contracts/events.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { ContactErrors } from '../../../domain/contact.errors.js';
import { ContactRepository } from '../../../infrastructure/contact.repository.js';
import { ContactAccess } from '../../contact-access.js';
import { DeleteContactCommand } from './delete-contact.command.js';

@CommandHandler(DeleteContactCommand)
export class DeleteContactHandler implements ICommandHandler<DeleteContactCommand> {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly access: ContactAccess,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, contactId }: DeleteContactCommand): Promise<void> {
    await this.access.visibleContact(actor, contactId, true);
    if ((await this.contacts.softDelete(contactId)) === 'linked') throw ContactErrors.stillLinked();
    this.uow.raise(ContactEvents.deleted.create(contactId, { contactId }));
  }
}
