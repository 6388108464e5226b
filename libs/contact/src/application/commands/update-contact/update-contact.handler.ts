import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrentModificationError, PreconditionFailedError } from '@crm/kernel';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { identifiersOf } from '../../../domain/contact.aggregate.js';
import { ContactErrors } from '../../../domain/contact.errors.js';
import { ContactRepository } from '../../../infrastructure/contact.repository.js';
import { ContactAccess } from '../../contact-access.js';
import { UpdateContactCommand } from './update-contact.command.js';

@CommandHandler(UpdateContactCommand)
export class UpdateContactHandler implements ICommandHandler<UpdateContactCommand> {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly access: ContactAccess,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, contactId, edits, expectedVersion }: UpdateContactCommand): Promise<{ version: number }> {
    return this.tx.run(async () => {
      const contact = await this.access.visibleContact(actor, contactId);
      const loaded = contact.version;
      if (expectedVersion !== undefined && expectedVersion !== loaded) throw new PreconditionFailedError('contact', loaded);
      const changes = contact.update(edits, new Date());
      if (Object.keys(changes).length === 0) return { version: loaded };
      if (changes.phones || changes.emails) {
        const existing = await this.contacts.holdersOf(identifiersOf(contact.snapshot()), contactId);
        if (existing.length > 0) throw ContactErrors.duplicate(existing);
      }
      const saved = await this.contacts.update(contact, loaded);
      if (saved === 'stale') {
        if (expectedVersion !== undefined) throw new PreconditionFailedError('contact', loaded + 1);
        throw new ConcurrentModificationError('contact');
      }
      if (saved === 'duplicate') throw ContactErrors.duplicate(await this.contacts.holdersOf(identifiersOf(contact.snapshot()), contactId));
      await this.events.record(contact.pullEvents());
      return { version: contact.version };
    });
  }
}
