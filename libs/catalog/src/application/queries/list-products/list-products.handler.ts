import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { ListProductsQuery, type ProductView } from './list-products.query.js';

@QueryHandler(ListProductsQuery)
export class ListProductsHandler implements IQueryHandler<ListProductsQuery> {
  constructor(private readonly catalog: CatalogRepository) {}

  execute({ productLineId }: ListProductsQuery): Promise<ProductView[]> {
    return this.catalog.listProducts(productLineId);
  }
}
