/** The Webhook context's public surface: its events (see openapi/asyncapi.yaml). */
export { WebhookEvents } from './events.js';
