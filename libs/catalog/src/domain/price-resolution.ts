/**
 * How a unit price is found [价格查找]: the order's price list at the order date, else its parent
 * list, and so on; within a list, the active entry for the product whose own window holds the date
 * (the one that started last when windows overlap). Windows are inclusive, dates are `YYYY-MM-DD`.
 */
export interface PriceListNode {
  id: string;
  name: string;
  currency: string;
  validFrom: string;
  validTo: string | null;
  parentId: string | null;
}

export interface PriceEntry {
  id: string;
  priceListId: string;
  productId: string;
  unitPrice: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface FoundPrice {
  unitPrice: string;
  priceListId: string;
  priceListName: string;
  entryId: string;
  /** The list the order named, when the price came from one of its parents [回退]. */
  fellBackFrom: { priceListId: string; priceListName: string } | null;
}

/** At most this many lists are followed up a parent chain (a cycle stops earlier). */
export const MAX_PRICE_LIST_DEPTH = 10;

export function isWithin(date: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= date) && (to === null || date <= to);
}

/** The list and its ancestors, nearest first, stopping at a cycle or the depth limit. */
export function priceListChain(startId: string, lists: ReadonlyMap<string, PriceListNode>): PriceListNode[] {
  const chain: PriceListNode[] = [];
  let current = lists.get(startId);
  while (current && chain.length < MAX_PRICE_LIST_DEPTH && !chain.includes(current)) {
    chain.push(current);
    current = current.parentId ? lists.get(current.parentId) : undefined;
  }
  return chain;
}

/** The price of one product at `date` along the chain; undefined when no list valid then has an entry valid then. */
export function findPrice(chain: readonly PriceListNode[], entries: readonly PriceEntry[], productId: string, date: string): FoundPrice | undefined {
  const asked = chain[0];
  for (const list of chain) {
    if (!isWithin(date, list.validFrom, list.validTo)) continue;
    const candidates = entries
      .filter((entry) => entry.priceListId === list.id && entry.productId === productId && isWithin(date, entry.validFrom, entry.validTo))
      .sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''));
    const entry = candidates[0];
    if (!entry) continue;
    return {
      unitPrice: entry.unitPrice,
      priceListId: list.id,
      priceListName: list.name,
      entryId: entry.id,
      fellBackFrom: asked && asked.id !== list.id ? { priceListId: asked.id, priceListName: asked.name } : null,
    };
  }
  return undefined;
}
