import { Query } from '@nestjs/cqrs';
import type { PriceEntryRecord, PriceListRecord } from '../../../infrastructure/catalog.repository.js';

export type PriceListView = PriceListRecord & { entries: PriceEntryRecord[] };

/** One price list with every entry, active or deactivated. */
export class GetPriceListQuery extends Query<PriceListView> {
  constructor(readonly priceListId: string) {
    super();
  }
}
