import type { QueryBus } from '@nestjs/cqrs';
import { ResolveClaimScopeQuery } from '@crm/contracts/catalog';
import type { LineInput } from '../domain/opportunity.aggregate.js';

/** An intended product [意向产品] line as a client sends it. */
export interface ProductInput {
  productId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

/**
 * Lines with each product's line [条线] from the catalogue (for reports by product line and for
 * approvals later). Products the catalogue does not know are refused by it: 422 `CATALOG.PRODUCT_NOT_FOUND`.
 */
export async function withProductLines(queries: QueryBus, products: readonly ProductInput[]): Promise<LineInput[]> {
  if (products.length === 0) return [];
  const resolved = await queries.execute(new ResolveClaimScopeQuery({ productIds: products.map((product) => product.productId) }));
  const lineOf = new Map(resolved.products.map((product) => [product.id, product.productLineId]));
  return products.map((product) => ({ ...product, productLineId: lineOf.get(product.productId)! }));
}
