import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { CatalogRepository, type PriceListRecord } from '../../../infrastructure/catalog.repository.js';
import { ListPriceListsQuery } from './list-price-lists.query.js';

@QueryHandler(ListPriceListsQuery)
export class ListPriceListsHandler implements IQueryHandler<ListPriceListsQuery> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ limit, cursor }: ListPriceListsQuery): Promise<Page<PriceListRecord>> {
    const [afterId] = (decodeCursor(cursor, ['string']) ?? []) as [string?];
    const rows = await this.catalog.listPriceLists(limit + 1, afterId);
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => row,
    );
  }
}
