import { defineEvent } from '@crm/kernel';

/** Events of the Catalog context, declared once. */
export const CatalogEvents = {
  productLineCreated: defineEvent<{ productLineId: string; code: string; name: string; headIds: string[] }>('catalog.product-line-created', 1, {
    aggregateType: 'product-line',
    description: 'A product line [条线] was created with its heads.',
  }),
  productLineHeadsChanged: defineEvent<{ productLineId: string; changes: { headIds: { from: string[]; to: string[] } } }>(
    'catalog.product-line-heads-changed',
    1,
    { aggregateType: 'product-line', description: "A product line's heads [条线负责人] (its claim approvers) changed." },
  ),
  productCreated: defineEvent<{ productId: string; productLineId: string; code: string; name: string }>('catalog.product-created', 1, {
    aggregateType: 'product',
    description: 'A product was added to a product line.',
  }),
};
