import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { ProductRecord } from '../../../infrastructure/catalog.repository.js';

export type ProductView = ProductRecord;

/** Products by code, a page at a time; all lines, or one. */
export class ListProductsQuery extends Query<Page<ProductView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
    readonly productLineId?: string,
  ) {
    super();
  }
}
