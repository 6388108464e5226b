export { CustomerModule } from './customer.module.js';
export { customerMigrations } from './infrastructure/migrations/index.js';
