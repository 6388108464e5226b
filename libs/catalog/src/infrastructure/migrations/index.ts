import { CatalogSchema1732500300000 } from './1732500300000-catalog-schema.js';

export const catalogMigrations = [CatalogSchema1732500300000];
