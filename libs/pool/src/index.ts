export { PoolModule } from './pool.module.js';
export { poolMigrations } from './infrastructure/migrations/index.js';
