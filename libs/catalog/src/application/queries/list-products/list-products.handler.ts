import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { ListProductsQuery, type ProductView } from './list-products.query.js';

@QueryHandler(ListProductsQuery)
export class ListProductsHandler implements IQueryHandler<ListProductsQuery> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ limit, cursor, productLineId }: ListProductsQuery): Promise<Page<ProductView>> {
    const [afterCode] = (decodeCursor(cursor, ['string']) ?? []) as [string?];
    const rows = await this.catalog.listProducts(limit + 1, afterCode, productLineId);
    return toPage(
      rows,
      limit,
      (row) => [row.code],
      (row) => row,
    );
  }
}
