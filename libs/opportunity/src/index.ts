export { OpportunityModule } from './opportunity.module.js';
export { opportunityMigrations } from './infrastructure/migrations/index.js';
