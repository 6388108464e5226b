import { findPrice, priceListChain, type PriceEntry, type PriceListNode } from './price-resolution.js';

const list = (id: string, parentId: string | null, validFrom = '2026-01-01', validTo: string | null = null): PriceListNode => ({
  id,
  name: `list ${id}`,
  currency: 'CNY',
  validFrom,
  validTo,
  parentId,
});
const entry = (id: string, priceListId: string, unitPrice: string, validFrom: string | null = null, validTo: string | null = null): PriceEntry => ({
  id,
  priceListId,
  productId: 'p',
  unitPrice,
  validFrom,
  validTo,
});

describe('price resolution', () => {
  const lists = new Map([
    ['child', list('child', 'base', '2026-01-01', '2026-06-30')],
    ['base', list('base', null)],
  ]);
  const chain = priceListChain('child', lists);

  it('takes the entry whose window holds the date, the latest started when windows overlap (inclusive ends)', () => {
    const entries = [entry('e1', 'child', '100.00', '2026-01-01', '2026-03-31'), entry('e2', 'child', '90.00', '2026-04-01')];
    expect(findPrice(chain, entries, 'p', '2026-03-31')).toMatchObject({ unitPrice: '100.00', entryId: 'e1', fellBackFrom: null });
    expect(findPrice(chain, entries, 'p', '2026-04-01')).toMatchObject({ unitPrice: '90.00', entryId: 'e2' });
  });

  it('falls back to the parent list when the list has no entry then, or is itself out of its window', () => {
    const entries = [entry('e1', 'child', '100.00', '2026-01-01', '2026-01-31'), entry('b1', 'base', '120.00')];
    expect(findPrice(chain, entries, 'p', '2026-02-10')).toMatchObject({ unitPrice: '120.00', entryId: 'b1', fellBackFrom: { priceListId: 'child' } });
    expect(findPrice(chain, [entry('e', 'child', '1.00'), entry('b1', 'base', '120.00')], 'p', '2026-07-01')).toMatchObject({ entryId: 'b1' });
  });

  it('answers nothing when no list has an entry, and stops at a cycle', () => {
    expect(findPrice(chain, [], 'p', '2026-02-10')).toBeUndefined();
    const cyclic = new Map([
      ['a', list('a', 'b')],
      ['b', list('b', 'a')],
    ]);
    expect(priceListChain('a', cyclic).map((node) => node.id)).toEqual(['a', 'b']);
  });
});
