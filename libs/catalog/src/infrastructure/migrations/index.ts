import { CatalogSchema1732500300000 } from './1732500300000-catalog-schema.js';
import { ProductsAndPriceLists1732505500000 } from './1732505500000-products-and-price-lists.js';

export const catalogMigrations = [CatalogSchema1732500300000, ProductsAndPriceLists1732505500000];
