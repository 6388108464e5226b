import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CustomerEvents } from '@crm/contracts/customer';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Contact, identifiersOf } from '../../domain/contact.aggregate.js';
import { ContactRepository } from '../../infrastructure/contact.repository.js';
import { LinkContactCommand } from '../commands/link-contact/link-contact.command.js';

/**
 * CONT-4: an individual customer is also a person. Its contact is created (or the existing contact
 * with that phone or e-mail linked) when the Customer context says it was created.
 */
@Injectable()
@EventReaction({ consumer: 'contact.individual-customers', events: [CustomerEvents.created] })
export class CreateIndividualContactReaction implements EventReactionHandler {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly commands: CommandBus,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!CustomerEvents.created.matches(event)) return;
    const customer = event.payload;
    if (customer.kind !== 'individual') return;
    const profile = {
      name: customer.name,
      phones: customer.phone ? [customer.phone] : [],
      emails: customer.email ? [customer.email] : [],
      wechatId: null,
      title: null,
      notes: null,
    };
    const [existing] = await this.contacts.holdersOf(identifiersOf(profile));
    let contactId = existing?.id;
    if (!contactId) {
      const ownerId = customer.ownerId ?? (event.actor && event.actor !== 'system' ? event.actor : null);
      if (!ownerId) return;
      const contact = Contact.create({ id: uuidv7(), profile, ownerId, createdBy: ownerId, now: new Date(event.occurredAt) });
      // Lost a race for one of the phones or e-mails: undo and let the retry link the winner's contact.
      if (!(await this.contacts.insert(contact))) throw new Error('Contact details taken concurrently; retrying');
      contactId = contact.id;
    }
    // Linked already (a lead's conversion links the person it creates in the same request): nothing left to do.
    if (await this.contacts.activeLink(contactId, customer.customerId)) return;
    await this.commands.execute(new LinkContactCommand(null, contactId, customer.customerId, { role: 'decision-maker', title: null, primary: true }));
  }
}
