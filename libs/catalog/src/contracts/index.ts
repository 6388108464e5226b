/** The Catalog context's public surface: product lines [条线], their heads, products. */
export { ResolveClaimScopeQuery, type ResolvedScope } from '../application/queries/resolve-claim-scope/resolve-claim-scope.query.js';
export { ListProductLinesQuery, type ProductLineView } from '../application/queries/list-product-lines/list-product-lines.query.js';
export { CreateProductLineCommand } from '../application/commands/create-product-line/create-product-line.command.js';
export { CreateProductCommand } from '../application/commands/create-product/create-product.command.js';

export { CatalogEvents } from './events.js';
