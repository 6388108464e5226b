import { evaluateEligibility, type EntitlementFacts } from './eligibility.js';

const now = new Date('2026-11-25T00:00:00Z');
const facts: EntitlementFacts = {
  completedOrders: [
    {
      orderId: 'o2',
      number: 'SO-2',
      contractId: null,
      handedOffAt: '2025-01-10T00:00:00Z',
      products: [{ productId: 'printer', warrantyEndsAt: '2026-01-10T00:00:00Z' }],
    },
    {
      orderId: 'o1',
      number: 'SO-1',
      contractId: 'k1',
      handedOffAt: '2025-06-01T00:00:00Z',
      products: [
        { productId: 'scanner', warrantyEndsAt: '2027-06-01T00:00:00Z' },
        { productId: 'cable', warrantyEndsAt: null },
      ],
    },
  ],
  contractsInForce: [{ contractId: 'k1', number: 'HT-1', endDate: '2027-12-31', productIds: ['cable'] }],
};
const request = (productId: string | null, extra: { orderId?: string; contractId?: string } = {}) => ({
  productId,
  orderId: extra.orderId ?? null,
  contractId: extra.contractId ?? null,
});
const passed = (verdict: ReturnType<typeof evaluateEligibility>) => Object.fromEntries(verdict.checks.map((check) => [check.check, check.passed]));

describe('eligibility [该不该服务]', () => {
  it('a product under warranty is eligible', () => {
    const verdict = evaluateEligibility(facts, request('scanner'), now, 'refuse');
    expect(verdict.eligible).toBe(true);
    expect(passed(verdict)).toEqual({ 'completed-order': true, warranty: true, contract: false });
    expect(verdict.checks[1]!.reference).toBe('SO-1');
  });

  it('a product out of warranty and not under contract is not; each failed check says why', () => {
    const verdict = evaluateEligibility(facts, request('printer'), now, 'refuse');
    expect(verdict.eligible).toBe(false);
    expect(verdict.checks[1]!.detail).toBe('保修已于 2026-01-10T00:00:00Z 到期（订单 SO-2）。');
    expect(verdict.checks[2]!.detail).toBe('有效合同不覆盖该产品。');
  });

  it('a product without warranty covered by a contract in force is eligible', () => {
    const verdict = evaluateEligibility(facts, request('cable'), now, 'accept-flagged');
    expect(passed(verdict)).toEqual({ 'completed-order': true, warranty: false, contract: true });
    expect(verdict.eligible).toBe(true);
  });

  it('no completed order: not eligible; the named order must be one of the handed-off ones', () => {
    expect(evaluateEligibility({ completedOrders: [], contractsInForce: [] }, request(null), now, 'refuse').eligible).toBe(false);
    const verdict = evaluateEligibility(facts, request('scanner', { orderId: 'elsewhere' }), now, 'refuse');
    expect(passed(verdict)).toEqual({ 'completed-order': false, warranty: false, contract: false });
  });

  it('a type that does not check stores no checks', () => {
    expect(evaluateEligibility(facts, request('printer'), now, 'not-checked')).toMatchObject({ eligible: null, checks: [] });
  });
});
