import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { ResolveClaimScopeQuery, type ResolvedScope } from './resolve-claim-scope.query.js';

@QueryHandler(ResolveClaimScopeQuery)
export class ResolveClaimScopeHandler implements IQueryHandler<ResolveClaimScopeQuery> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ scope }: ResolveClaimScopeQuery): Promise<ResolvedScope> {
    const productIds = [...new Set(scope.productIds ?? [])];
    const products = productIds.length ? await this.catalog.productsByIds(productIds) : [];
    const missing = productIds.filter((id) => !products.some((product) => product.id === id));
    if (missing.length) throw CatalogErrors.productNotFound(missing);
    const lineIds = [...new Set([...(scope.productLineIds ?? []), ...products.map((product) => product.productLineId)])];
    const lines = lineIds.length ? await this.catalog.linesByIds(lineIds) : [];
    if (lines.length !== lineIds.length) throw CatalogErrors.lineNotFound();
    return {
      lines: lines.map(({ id, name, headIds }) => ({ id, name, headIds })),
      products: products.map(({ id, productLineId }) => ({ id, productLineId })),
    };
  }
}
