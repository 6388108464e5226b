export { CatalogModule } from './catalog.module.js';
export { catalogMigrations } from './infrastructure/migrations/index.js';
