export { ContactModule } from './contact.module.js';
export { contactMigrations } from './infrastructure/migrations/index.js';
