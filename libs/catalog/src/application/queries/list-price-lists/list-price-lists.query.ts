import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { PriceListRecord } from '../../../infrastructure/catalog.repository.js';

/** Price lists [价格表], a page at a time, oldest first. */
export class ListPriceListsQuery extends Query<Page<PriceListRecord>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
