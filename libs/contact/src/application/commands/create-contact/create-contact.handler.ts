import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { Contact, identifiersOf } from '../../../domain/contact.aggregate.js';
import { ContactErrors } from '../../../domain/contact.errors.js';
import { ContactRepository } from '../../../infrastructure/contact.repository.js';
import { CreateContactCommand } from './create-contact.command.js';

@CommandHandler(CreateContactCommand)
export class CreateContactHandler implements ICommandHandler<CreateContactCommand> {
  constructor(private readonly contacts: ContactRepository) {}

  async execute({ actor, profile }: CreateContactCommand): Promise<{ id: string }> {
    const contact = Contact.create({ id: uuidv7(), profile, ownerId: actor.id, createdBy: actor.id, now: new Date() });
    const identifiers = identifiersOf(contact.snapshot());
    const existing = await this.contacts.holdersOf(identifiers);
    if (existing.length > 0) throw ContactErrors.duplicate(existing);
    if (!(await this.contacts.insert(contact))) throw ContactErrors.duplicate(await this.contacts.holdersOf(identifiers, contact.id));
    return { id: contact.id };
  }
}
