import { Module } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { AddPriceEntryHandler } from './application/commands/add-price-entry/add-price-entry.handler.js';
import { CreatePriceListHandler } from './application/commands/create-price-list/create-price-list.handler.js';
import { DeactivatePriceEntryHandler } from './application/commands/deactivate-price-entry/deactivate-price-entry.handler.js';
import { PublishProductHandler } from './application/commands/publish-product/publish-product.handler.js';
import { GetPriceListHandler } from './application/queries/get-price-list/get-price-list.handler.js';
import { ListPriceListsHandler } from './application/queries/list-price-lists/list-price-lists.handler.js';
import { ResolvePricesHandler } from './application/queries/resolve-prices/resolve-prices.handler.js';
import { ChangeProductLineHeadsHandler } from './application/commands/change-product-line-heads/change-product-line-heads.handler.js';
import { CreateProductLineHandler } from './application/commands/create-product-line/create-product-line.handler.js';
import { CreateProductHandler } from './application/commands/create-product/create-product.handler.js';
import { ListProductLinesHandler } from './application/queries/list-product-lines/list-product-lines.handler.js';
import { ListProductsHandler } from './application/queries/list-products/list-products.handler.js';
import { ResolveClaimScopeHandler } from './application/queries/resolve-claim-scope/resolve-claim-scope.handler.js';
import { CatalogController } from './http/catalog.controller.js';
import { CatalogRepository } from './infrastructure/catalog.repository.js';
import { CATALOG_PERMISSIONS } from './catalog.permissions.js';
import './catalog.messages.js';

/** Catalog: product lines [条线] with heads, products (published, warranty, gift / bundle children) and price lists [价格表]. */
@Module({
  controllers: [CatalogController],
  providers: [
    providePermissions(CATALOG_PERMISSIONS),
    CatalogRepository,
    CreateProductLineHandler,
    ChangeProductLineHeadsHandler,
    CreateProductHandler,
    ListProductLinesHandler,
    ListProductsHandler,
    ResolveClaimScopeHandler,
    PublishProductHandler,
    CreatePriceListHandler,
    AddPriceEntryHandler,
    DeactivatePriceEntryHandler,
    ListPriceListsHandler,
    GetPriceListHandler,
    ResolvePricesHandler,
  ],
})
export class CatalogModule {}
