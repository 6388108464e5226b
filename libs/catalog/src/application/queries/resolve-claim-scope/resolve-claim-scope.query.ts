import { Query } from '@nestjs/cqrs';

export interface ResolvedScope {
  /** Every product line involved, with its heads. */
  lines: { id: string; name: string; headIds: string[] }[];
  /** Each requested product with its line. */
  products: { id: string; productLineId: string }[];
}

/** The product lines (and their heads) a set of product lines and products involves; unknown ids are a 422. */
export class ResolveClaimScopeQuery extends Query<ResolvedScope> {
  constructor(readonly scope: { productLineIds?: readonly string[]; productIds?: readonly string[] }) {
    super();
  }
}
