import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { ListProductLinesQuery, type ProductLineView } from './list-product-lines.query.js';

@QueryHandler(ListProductLinesQuery)
export class ListProductLinesHandler implements IQueryHandler<ListProductLinesQuery> {
  constructor(private readonly catalog: CatalogRepository) {}

  execute({ ids }: ListProductLinesQuery): Promise<ProductLineView[]> {
    return ids ? this.catalog.linesByIds(ids) : this.catalog.listLines();
  }
}
