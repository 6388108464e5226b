/** The Contact context's public surface: its events (documented in openapi/asyncapi.yaml) and the queries other contexts ask. */
export { ContactEvents, type ContactLinkV1 } from './events.js';
export { FilterCustomerContactsQuery } from '../application/queries/filter-customer-contacts/filter-customer-contacts.query.js';
