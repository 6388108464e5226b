import { Query } from '@nestjs/cqrs';
import type { ProductRecord } from '../../../infrastructure/catalog.repository.js';

export type ProductView = ProductRecord;

export class ListProductsQuery extends Query<ProductView[]> {
  constructor(readonly productLineId?: string) {
    super();
  }
}
