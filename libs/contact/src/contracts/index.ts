/** The Contact context's public surface: its events (documented in openapi/asyncapi.yaml). */
export { ContactEvents, type ContactLinkV1 } from './events.js';
