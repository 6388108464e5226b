/** The Contact context's public surface: its events (documented in openapi/asyncapi.yaml). */
export { ContactEvents, type ContactLinkV1 } from './events.js';
/** Creating and linking contacts from other contexts (a lead's conversion [线索转化]). */
export { CreateContactCommand } from '../application/commands/create-contact/create-contact.command.js';
export { LinkContactCommand } from '../application/commands/link-contact/link-contact.command.js';
