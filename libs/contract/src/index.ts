export { ContractModule } from './contract.module.js';
export { contractMigrations } from './infrastructure/migrations/index.js';
