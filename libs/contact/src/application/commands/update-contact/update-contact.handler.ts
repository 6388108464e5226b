import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
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
  ) {}

  async execute({ actor, contactId, edits, expectedVersion }: UpdateContactCommand): Promise<{ version: number }> {
    const contact = await this.access.visibleContact(actor, contactId);
    const loaded = contact.version;
    assertIfMatch('contact', expectedVersion, loaded);
    const changes = contact.update(edits, new Date());
    if (Object.keys(changes).length === 0) return { version: loaded };
    if (changes.phones || changes.emails) {
      const existing = await this.contacts.holdersOf(identifiersOf(contact.snapshot()), contactId);
      if (existing.length > 0) throw ContactErrors.duplicate(existing);
    }
    const saved = await this.contacts.update(contact, loaded);
    await assertSaved(saved !== 'stale', 'contact', expectedVersion, () => loaded + 1);
    if (saved === 'duplicate') throw ContactErrors.duplicate(await this.contacts.holdersOf(identifiersOf(contact.snapshot()), contactId));
    return { version: contact.version };
  }
}
