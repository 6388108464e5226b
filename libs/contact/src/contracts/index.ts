/** The Contact context's public surface: its events (documented in openapi/asyncapi.yaml) and the contact lookup other contexts need. */
export { ContactEvents, type ContactLinkV1 } from './events.js';
export { FindCustomerContactsQuery, type CustomerContactRef } from '../application/queries/find-customer-contacts/find-customer-contacts.query.js';
/** Creating and linking contacts from other contexts (a lead's conversion [线索转化]). */
export { CreateContactCommand } from '../application/commands/create-contact/create-contact.command.js';
export { LinkContactCommand } from '../application/commands/link-contact/link-contact.command.js';
export { MatchContactsQuery, type ContactMatch } from '../application/queries/match-contacts/match-contacts.query.js';
