import { Module } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
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

/** Catalog: product lines [条线] with heads, and products; enough for claim scopes and approval routing. */
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
  ],
})
export class CatalogModule {}
