export { ApprovalModule } from './approval.module.js';
export { approvalMigrations } from './infrastructure/migrations/index.js';
