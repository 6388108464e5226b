import type { DomainError } from '@crm/kernel';
import { Order } from './order.aggregate.js';
import { priceOrderLines, type CatalogLine } from './order-lines.js';

const catalogLine = (productId: string, unitPrice: string | null, extra: Partial<CatalogLine> = {}): CatalogLine => ({
  productId,
  productLineId: 'line',
  code: productId,
  name: productId,
  unit: '件',
  warrantyMonths: 0,
  kind: 'product',
  parentIndex: null,
  requestIndex: 0,
  quantity: '1',
  unitPrice,
  source: unitPrice === null ? null : { kind: 'entry', priceListId: 'list', priceListName: 'list', entryId: `e-${productId}`, fellBackFrom: null },
  ...extra,
});

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
};

function order(total: string): Order {
  const order = Order.create({
    id: 'o1',
    number: 'SO20260301000001',
    customerId: 'c1',
    customerName: '客户',
    ownerId: 'u1',
    opportunityId: null,
    contractId: null,
    priceListId: 'list',
    currency: 'CNY',
    orderDate: '2026-03-01',
    lines: [],
    total,
    createdBy: 'u1',
    createdAt: new Date('2026-03-01T00:00:00Z'),
  });
  order.pullEvents();
  return order;
}

const payment = (id: string, amount: string) => ({
  id,
  amount,
  paidOn: '2026-03-02',
  method: '银行转账',
  payer: 'x',
  reference: null,
  source: 'manual' as const,
  bankTransactionId: null,
  rule: 'manual',
  confidence: '1.00',
  recordedBy: 'f1',
});

describe('order lines and totals', () => {
  it('sums exactly: 0.10 + 0.20 = 0.30, three lines of 33.33 = 99.99', () => {
    const tenths = [catalogLine('a', '0.10'), catalogLine('b', '0.20', { requestIndex: 1 })];
    expect(
      priceOrderLines(
        tenths,
        [
          { productId: 'a', quantity: '1' },
          { productId: 'b', quantity: '1' },
        ],
        false,
      ).total,
    ).toBe('0.30');
    const thirds = ['a', 'b', 'c'].map((id, index) => catalogLine(id, '33.33', { requestIndex: index }));
    expect(
      priceOrderLines(
        thirds,
        ['a', 'b', 'c'].map((productId) => ({ productId, quantity: '1' })),
        false,
      ).total,
    ).toBe('99.99');
  });

  it('needs a price from the list or a manual one with permission and reason', () => {
    expect(codeOf(() => priceOrderLines([catalogLine('a', null)], [{ productId: 'a', quantity: '1' }], true))).toBe('ORDER.PRICE_NOT_FOUND');
    expect(
      codeOf(() => priceOrderLines([catalogLine('a', '5.00')], [{ productId: 'a', quantity: '1', unitPrice: '4.00', manualPriceReason: '老客户' }], false)),
    ).toBe('ORDER.MANUAL_PRICE_FORBIDDEN');
    expect(
      codeOf(() => priceOrderLines([catalogLine('a', '5.00')], [{ productId: 'a', quantity: '1', unitPrice: '4.00', manualPriceReason: ' ' }], true)),
    ).toBe('ORDER.MANUAL_PRICE_REASON_REQUIRED');
    const { lines } = priceOrderLines(
      [catalogLine('a', null, { quantity: '2' })],
      [{ productId: 'a', quantity: '2', unitPrice: '4', manualPriceReason: '试销' }],
      true,
    );
    expect(lines[0]).toMatchObject({ unitPrice: '4.00', amount: '8.00', priceSource: { kind: 'manual', listPrice: null, reason: '试销' } });
  });
});

describe('order payments and hand-off', () => {
  it('never takes payments past the total unless over-payment is confirmed', () => {
    const subject = order('100.00');
    subject.addPayment(payment('p1', '60.00'), { allowOverpayment: false });
    expect(subject.paymentStatus).toBe('partially-paid');
    expect(codeOf(() => subject.addPayment(payment('p2', '40.01'), { allowOverpayment: false }))).toBe('ORDER.PAYMENT_EXCEEDS_OPEN_AMOUNT');
    subject.addPayment(payment('p2', '40.00'), { allowOverpayment: false });
    expect([subject.paymentStatus, subject.openAmount]).toEqual(['paid', '0.00']);
    subject.addPayment(payment('p3', '0.01'), { allowOverpayment: true });
    expect(subject.paymentStatus).toBe('over-paid');
    expect(subject.pullEvents().map((event) => event.type)).toEqual(['order.payment-recorded.v1', 'order.payment-recorded.v1', 'order.payment-recorded.v1']);
  });

  it('lists every blocking reason, then hands off once approved and exactly paid', () => {
    const subject = order('100.00');
    expect(subject.handOffBlockers(1).map((reason) => reason.code)).toEqual(['ORDER.NOT_APPROVED', 'ORDER.NOT_FULLY_PAID', 'ORDER.PROPOSED_MATCH_PENDING']);
    subject.submit('r1');
    expect(codeOf(() => subject.replaceLines([], '1.00', 'list', '2026-03-01'))).toBe('ORDER.LOCKED');
    subject.approve();
    subject.addPayment(payment('p1', '100.00'), { allowOverpayment: false });
    subject.handOff('u1', new Date('2026-03-03T00:00:00Z'), 0);
    expect(subject.snapshot().status).toBe('handed-off');
    expect(codeOf(() => subject.handOff('u1', new Date(), 0))).toBe('ORDER.ALREADY_HANDED_OFF');
  });
});
