import type { QueryBus } from '@nestjs/cqrs';
import { ResolvePricesQuery } from '@crm/contracts/catalog';
import type { Actor } from '@crm/platform';
import { priceOrderLines, type LineInput, type OrderLine } from '../domain/order-lines.js';

/** Prices the lines asked for from the catalogue at the order date, children included; manual prices checked against the caller's rights. */
export async function priceLines(
  queries: QueryBus,
  actor: Actor,
  priceListId: string,
  orderDate: string,
  inputs: readonly LineInput[],
): Promise<{ lines: OrderLine[]; total: string; currency: string }> {
  const resolved = await queries.execute(
    new ResolvePricesQuery(
      priceListId,
      orderDate,
      inputs.map((input) => ({ productId: input.productId, quantity: input.quantity })),
    ),
  );
  const priced = priceOrderLines(resolved.lines, inputs, actor.permissions.includes('order:manual-price'));
  return { ...priced, currency: resolved.priceList.currency };
}
