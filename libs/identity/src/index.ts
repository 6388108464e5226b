export { IdentityModule } from './identity.module.js';
export { identityMigrations } from './infrastructure/migrations/index.js';
/** For composition roots (demo data, test set-up): creating the organisation directly. */
export { IdentityService } from './application/identity.service.js';
