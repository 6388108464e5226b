import { Query } from '@nestjs/cqrs';
import type { ProductLineRecord } from '../../../infrastructure/catalog.repository.js';

export type ProductLineView = ProductLineRecord;

/** Product lines with their heads; all of them, or those with the given ids. */
export class ListProductLinesQuery extends Query<ProductLineView[]> {
  constructor(readonly ids?: readonly string[]) {
    super();
  }
}
