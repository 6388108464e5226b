import { decideMatch, orderNumbersIn, type MatchCandidate } from './bank-matching.js';

const order = (orderId: string, openAmount: string, day = 1): MatchCandidate => ({
  orderId,
  number: `SO2026010100000${orderId}`,
  openAmount,
  createdAt: new Date(`2026-01-0${day}T00:00:00Z`),
});

describe('bank transaction matching rules', () => {
  it('finds order numbers in a free-text reference', () => {
    expect(orderNumbersIn('货款 so20261125000012，第一期 SO20261125000013')).toEqual(['SO20261125000012', 'SO20261125000013']);
    expect(orderNumbersIn('SO2026 only')).toEqual([]);
  });

  it('1: reference and exact open amount reconcile automatically, before any payer rule', () => {
    expect(decideMatch('100.00', [order('1', '100.00')], [order('2', '100.00')], '5.00')).toEqual({
      status: 'matched',
      orderId: '1',
      rule: 'reference-and-amount',
      confidence: '1.00',
    });
  });

  it('2: the payer with exactly one order open for the amount reconciles automatically; several are only proposed', () => {
    expect(decideMatch('80.00', [order('1', '100.00')], [order('2', '80.00')], '0')).toMatchObject({
      status: 'matched',
      orderId: '2',
      rule: 'payer-and-open-amount',
    });
    expect(decideMatch('80.00', [], [order('3', '80.00', 3), order('2', '80.00', 2)], '0')).toMatchObject({
      status: 'proposed',
      orderId: '2',
      confidence: '0.50',
    });
  });

  it('3: within the tolerance is proposed, by reference first; 4: otherwise unmatched', () => {
    expect(decideMatch('99.50', [order('1', '100.00')], [order('2', '99.60')], '1.00')).toMatchObject({
      status: 'proposed',
      orderId: '1',
      rule: 'reference-within-tolerance',
    });
    expect(decideMatch('99.50', [], [order('2', '99.60')], '1.00')).toMatchObject({
      status: 'proposed',
      orderId: '2',
      rule: 'payer-within-tolerance',
      confidence: '0.60',
    });
    expect(decideMatch('97.00', [order('1', '100.00')], [], '1.00')).toEqual({ status: 'unmatched', orderId: null, rule: null, confidence: null });
    // A fully paid order is never proposed again.
    expect(decideMatch('0.50', [order('1', '0.00')], [], '1.00').status).toBe('unmatched');
  });
});
