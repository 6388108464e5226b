import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { zonedTime } from '@crm/kernel';
import { APP_CONFIG, UnitOfWork, type AppConfig } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { ContactErrors } from '../../../domain/contact.errors.js';
import { linkEvents } from '../../../domain/contact.events.js';
import { ContactRepository } from '../../../infrastructure/contact.repository.js';
import { ContactAccess } from '../../contact-access.js';
import { LinkContactCommand } from './link-contact.command.js';

@CommandHandler(LinkContactCommand)
export class LinkContactHandler implements ICommandHandler<LinkContactCommand> {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly access: ContactAccess,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, contactId, customerId, link }: LinkContactCommand): Promise<{ linkId: string }> {
    // A null actor is the system itself (an individual customer's own contact, CONT-4).
    if (actor) {
      await this.access.assertCustomerWorkable(actor, customerId);
      await this.access.visibleContact(actor, contactId, true);
    } else if (!(await this.contacts.find(contactId, true))) {
      throw ContactErrors.notFound();
    }
    const record = {
      id: uuidv7(),
      contactId,
      customerId,
      role: link.role,
      title: link.title,
      isPrimary: link.primary,
      // Today in the company time zone (CRM_TIMEZONE) unless given.
      startedOn: link.startedOn ?? zonedTime(new Date(), this.config.timeZone).date,
      endedOn: null,
    };
    if (!(await this.contacts.insertLink(record))) throw ContactErrors.alreadyLinked();
    this.uow.raise(linkEvents.linked(record));
    return { linkId: record.id };
  }
}
