export { WebhookModule } from './webhook.module.js';
export { webhookMigrations } from './infrastructure/migrations/index.js';
