import { WebhookSchema1732504100000 } from './1732504100000-webhook-schema.js';
import { WebhookSecretsEncrypted1732507700000 } from './1732507700000-webhook-secrets-encrypted.js';

export const webhookMigrations = [WebhookSchema1732504100000, WebhookSecretsEncrypted1732507700000];
