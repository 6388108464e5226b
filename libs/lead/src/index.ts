export { LeadModule } from './lead.module.js';
export { leadMigrations } from './infrastructure/migrations/index.js';
/** @internal For test set-up: capturing what the web-form inbox holds now. */
export { FormIntake } from './application/form-intake.js';
