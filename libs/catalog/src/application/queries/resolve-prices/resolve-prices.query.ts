import { Query } from '@nestjs/cqrs';

/** How a line's unit price was found, so "why this price" can be answered later [价格来源]. */
export interface PriceSource {
  /** `entry`: an entry of the list (or of a parent list); `gift`: a gift child line, at no price. */
  kind: 'entry' | 'gift';
  priceListId: string;
  priceListName: string;
  entryId: string | null;
  /** The list asked, when the price came from one of its parent lists. */
  fellBackFrom: { priceListId: string; priceListName: string } | null;
}

export interface PricedLine {
  productId: string;
  productLineId: string;
  code: string;
  name: string;
  unit: string;
  warrantyMonths: number;
  /** `product`: a line asked for; `gift` / `bundle`: a child line its parent product added. */
  kind: 'product' | 'gift' | 'bundle';
  /** For a child line, the index (in `lines`) of the line that added it. */
  parentIndex: number | null;
  /** For a line asked for, its index in the request. */
  requestIndex: number | null;
  /** Decimal string; a child's quantity is the parent's times the link's. */
  quantity: string;
  /** Decimal string with 2 decimals; null when no list valid at the date prices the product. Gifts are "0.00". */
  unitPrice: string | null;
  source: PriceSource | null;
}

export interface ResolvedPrices {
  priceList: { id: string; name: string; currency: string };
  /** Every line asked for, each followed by the child lines its product adds. */
  lines: PricedLine[];
}

/**
 * Prices product lines from a price list at a date [价格查找], following parent lists, and expands
 * parent products into their child lines (gifts at zero, bundles priced). Unknown products are a
 * 422 `CATALOG.PRODUCT_NOT_FOUND`, unpublished ones `CATALOG.PRODUCT_NOT_PUBLISHED`, a list outside
 * its window on that date `CATALOG.PRICE_LIST_NOT_VALID`, an unknown list `CATALOG.PRICE_LIST_NOT_FOUND`.
 */
export class ResolvePricesQuery extends Query<ResolvedPrices> {
  constructor(
    readonly priceListId: string,
    /** `YYYY-MM-DD`. */
    readonly date: string,
    readonly lines: readonly { productId: string; quantity: string }[],
  ) {
    super();
  }
}
