import { WebhookSchema1732504100000 } from './1732504100000-webhook-schema.js';

export const webhookMigrations = [WebhookSchema1732504100000];
