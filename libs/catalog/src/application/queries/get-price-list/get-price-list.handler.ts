import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { GetPriceListQuery, type PriceListView } from './get-price-list.query.js';

@QueryHandler(GetPriceListQuery)
export class GetPriceListHandler implements IQueryHandler<GetPriceListQuery> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ priceListId }: GetPriceListQuery): Promise<PriceListView> {
    const list = await this.catalog.findPriceList(priceListId);
    if (!list) throw CatalogErrors.priceListNotFound();
    return { ...list, entries: await this.catalog.entriesOf(priceListId) };
  }
}
