import { ContactEvents } from '../../../contracts/events.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { ContactRepository } from '../../../infrastructure/contact.repository.js';
import { ContactAccess } from '../../contact-access.js';
import { AddContactRecordCommand } from './add-contact-record.command.js';

@CommandHandler(AddContactRecordCommand)
export class AddContactRecordHandler implements ICommandHandler<AddContactRecordCommand> {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly access: ContactAccess,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, contactId, record }: AddContactRecordCommand): Promise<{ id: string }> {
    await this.access.visibleContact(actor, contactId);
    if (record.customerId) await this.access.assertCustomerWorkable(actor, record.customerId);
    const saved = {
      id: uuidv7(),
      contactId,
      customerId: record.customerId ?? null,
      authorId: actor.id,
      kind: record.kind,
      content: record.content,
      occurredAt: record.occurredAt ?? new Date(),
    };
    await this.contacts.insertRecord(saved);
    this.uow.raise(
      ContactEvents.recordAdded.create(contactId, {
        contactId,
        recordId: saved.id,
        customerId: saved.customerId,
        kind: saved.kind,
        summary: saved.content.slice(0, 200),
        occurredAt: saved.occurredAt.toISOString(),
      }),
    );
    return { id: saved.id };
  }
}
