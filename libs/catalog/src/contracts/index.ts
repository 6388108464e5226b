/** The Catalog context's public surface: product lines [条线], their heads, products, price resolution [价格表]. */
export { ResolveClaimScopeQuery, type ResolvedScope } from '../application/queries/resolve-claim-scope/resolve-claim-scope.query.js';
export { ListProductLinesQuery, type ProductLineView } from '../application/queries/list-product-lines/list-product-lines.query.js';
export { CreateProductLineCommand } from '../application/commands/create-product-line/create-product-line.command.js';
export { CreateProductCommand } from '../application/commands/create-product/create-product.command.js';
export { ResolvePricesQuery, type PricedLine, type PriceSource, type ResolvedPrices } from '../application/queries/resolve-prices/resolve-prices.query.js';
export { CreatePriceListCommand } from '../application/commands/create-price-list/create-price-list.command.js';
export { AddPriceEntryCommand } from '../application/commands/add-price-entry/add-price-entry.command.js';

export { CatalogEvents } from './events.js';
