import { OrderErrors } from './order.errors.js';
import { lineAmount, money, sumOf } from './order-money.js';

/** How a line's unit price was set: from the price list (its trace), a gift, or by hand with a reason [手工改价]. */
export interface LinePriceSource {
  kind: 'entry' | 'gift' | 'manual';
  priceListId: string | null;
  priceListName: string | null;
  entryId: string | null;
  fellBackFrom: { priceListId: string; priceListName: string } | null;
  /** For a manual price: the list price it replaced (null when the list had none) and why. */
  listPrice: string | null;
  reason: string | null;
}

export interface OrderLine {
  productId: string;
  productLineId: string;
  code: string;
  name: string;
  unit: string;
  warrantyMonths: number;
  kind: 'product' | 'gift' | 'bundle';
  /** Index of the line that added this child line. */
  parentIndex: number | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  amount: string;
  priceSource: LinePriceSource;
  /** Taken off by approved reductions [减单]; absent on a line that was never saved. */
  reducedQuantity?: string;
  reducedAmount?: string;
}

/** A priced line as the catalogue answers it (ResolvePricesQuery). */
export interface CatalogLine {
  productId: string;
  productLineId: string;
  code: string;
  name: string;
  unit: string;
  warrantyMonths: number;
  kind: 'product' | 'gift' | 'bundle';
  parentIndex: number | null;
  requestIndex: number | null;
  quantity: string;
  unitPrice: string | null;
  source: {
    kind: 'entry' | 'gift';
    priceListId: string;
    priceListName: string;
    entryId: string | null;
    fellBackFrom: OrderLine['priceSource']['fellBackFrom'];
  } | null;
}

export interface LineInput {
  productId: string;
  quantity: string;
  /** A manual unit price [手工价格]; needs the permission and a reason. */
  unitPrice?: string;
  manualPriceReason?: string;
  discountPercent?: string;
}

/**
 * The order's lines from the catalogue's answer and what the caller asked: list prices unless a
 * manual price (with a reason, by someone allowed) replaces one, discounts on the lines asked for,
 * child lines as the catalogue added them; every amount and the total in decimal arithmetic.
 */
export function priceOrderLines(
  catalog: readonly CatalogLine[],
  inputs: readonly LineInput[],
  mayPriceManually: boolean,
): { lines: OrderLine[]; total: string } {
  const unpriced: string[] = [];
  const lines = catalog.map((line): OrderLine => {
    const input = line.requestIndex === null ? undefined : inputs[line.requestIndex];
    let unitPrice = line.unitPrice;
    let priceSource: LinePriceSource = {
      kind: line.source?.kind ?? 'entry',
      priceListId: line.source?.priceListId ?? null,
      priceListName: line.source?.priceListName ?? null,
      entryId: line.source?.entryId ?? null,
      fellBackFrom: line.source?.fellBackFrom ?? null,
      listPrice: null,
      reason: null,
    };
    if (input?.unitPrice !== undefined) {
      if (!mayPriceManually) throw OrderErrors.manualPriceForbidden();
      const reason = input.manualPriceReason?.trim();
      if (!reason) throw OrderErrors.manualPriceReasonRequired();
      priceSource = { ...priceSource, kind: 'manual', listPrice: line.unitPrice, reason };
      unitPrice = input.unitPrice;
    }
    if (unitPrice === null) unpriced.push(line.productId);
    const discountPercent = input?.discountPercent ?? '0';
    const amount = unitPrice === null ? '0.00' : lineAmount(line.quantity, unitPrice, discountPercent);
    if (amount === undefined) throw OrderErrors.tooLarge();
    return {
      productId: line.productId,
      productLineId: line.productLineId,
      code: line.code,
      name: line.name,
      unit: line.unit,
      warrantyMonths: line.warrantyMonths,
      kind: line.kind,
      parentIndex: line.parentIndex,
      quantity: line.quantity,
      unitPrice: money(unitPrice ?? '0'),
      discountPercent: money(discountPercent),
      amount,
      priceSource,
    };
  });
  if (unpriced.length) throw OrderErrors.priceNotFound([...new Set(unpriced)]);
  if (lines.length === 0) throw OrderErrors.noLines();
  const total = sumOf(lines.map((line) => line.amount));
  if (total === undefined) throw OrderErrors.tooLarge();
  return { lines, total };
}
