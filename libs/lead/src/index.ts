export { LeadModule } from './lead.module.js';
export { leadMigrations } from './infrastructure/migrations/index.js';
