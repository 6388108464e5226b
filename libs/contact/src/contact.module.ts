import { Module } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { AddContactRecordHandler } from './application/commands/add-contact-record/add-contact-record.handler.js';
import { ChangeContactLinkHandler } from './application/commands/change-contact-link/change-contact-link.handler.js';
import { DeleteContactHandler } from './application/commands/delete-contact/delete-contact.handler.js';
import { CreateContactHandler } from './application/commands/create-contact/create-contact.handler.js';
import { LinkContactHandler } from './application/commands/link-contact/link-contact.handler.js';
import { UpdateContactHandler } from './application/commands/update-contact/update-contact.handler.js';
import { ContactAccess } from './application/contact-access.js';
import { FindCustomerContactsHandler } from './application/queries/find-customer-contacts/find-customer-contacts.handler.js';
import { MatchContactsHandler } from './application/queries/match-contacts/match-contacts.handler.js';
import { GetContactHandler } from './application/queries/get-contact/get-contact.handler.js';
import { ListContactCustomersHandler } from './application/queries/list-contact-customers/list-contact-customers.handler.js';
import { ListContactRecordsHandler } from './application/queries/list-contact-records/list-contact-records.handler.js';
import { ListContactsHandler } from './application/queries/list-contacts/list-contacts.handler.js';
import { ListCustomerContactsHandler } from './application/queries/list-customer-contacts/list-customer-contacts.handler.js';
import { CreateIndividualContactReaction } from './application/reactions/create-individual-contact.reaction.js';
import { ContactsController } from './http/contacts.controller.js';
import { ContactRepository } from './infrastructure/contact.repository.js';
import { CONTACT_PERMISSIONS } from './contact.permissions.js';
import './contact.messages.js';

/** Contact [联系人]: people, many-to-many with customers, with roles, history and records that follow the person. */
@Module({
  controllers: [ContactsController],
  providers: [
    providePermissions(CONTACT_PERMISSIONS),
    ContactRepository,
    ContactAccess,
    CreateContactHandler,
    UpdateContactHandler,
    DeleteContactHandler,
    LinkContactHandler,
    ChangeContactLinkHandler,
    AddContactRecordHandler,
    GetContactHandler,
    FindCustomerContactsHandler,
    MatchContactsHandler,
    ListContactsHandler,
    ListCustomerContactsHandler,
    ListContactCustomersHandler,
    ListContactRecordsHandler,
    CreateIndividualContactReaction,
  ],
})
export class ContactModule {}
