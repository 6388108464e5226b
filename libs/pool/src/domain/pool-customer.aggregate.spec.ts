import { DomainError } from '@crm/kernel';
import type { Claimant } from './claim-policies.js';
import { PoolCustomer } from './pool-customer.aggregate.js';
import { DEFAULT_POOL_RULES } from './pool-rules.js';

const now = new Date('2026-11-25T10:00:00Z');
let ids = 0;
const newId = () => `id-${++ids}`;
const rep: Claimant = { id: 'rep', roles: ['sales-rep'], lastReleasedAt: null, heldOrPending: 0, claimsToday: 0 };
const manager: Claimant = { ...rep, id: 'manager', roles: ['sales-manager'] };
const rules = { ...DEFAULT_POOL_RULES, gradeRights: { A: ['sales-manager'] } };

function placed(grade = 'B') {
  const customer = PoolCustomer.place({ customerId: 'c-1', poolId: 'p-1', grade, rules });
  return customer;
}

const types = (customer: PoolCustomer) => customer.pullEvents().map((event) => event.type);

describe('PoolCustomer', () => {
  it('a claim with the right protects and says who holds the customer now', () => {
    const customer = placed();
    expect(customer.claim(rep, [{ kind: 'customer' }], now, newId)).toMatchObject({ status: 'protected' });
    const [event] = customer.pullEvents();
    expect(event).toMatchObject({
      type: 'pool.customer-protected.v1',
      customerId: 'c-1',
      payload: { holderId: 'rep', source: 'claim', holders: { ownerId: 'rep', coHolderIds: [] } },
    });
  });

  it('a claim without the right changes nothing until an application is opened, which reserves the customer', () => {
    const customer = placed('A');
    expect(customer.claim(rep, [{ kind: 'customer' }], now, newId)).toEqual({ status: 'needs-approval' });
    expect(types(customer)).toEqual([]);
    customer.apply({ applicationId: 'app-1', applicant: rep, scopes: [{ kind: 'customer' }], reason: null, approvalRequestId: 'req-1', now });
    expect(types(customer)).toEqual(['pool.claim-applied.v1']);
    expect(() => customer.claim(manager, [{ kind: 'customer' }], now, newId)).toThrow(expect.objectContaining({ code: 'POOL.RESERVED' }));
  });

  it('an approved application protects the applicant once; a second approval does nothing', () => {
    const customer = placed('A');
    customer.apply({ applicationId: 'app-1', applicant: rep, scopes: [{ kind: 'customer' }], reason: null, approvalRequestId: 'req-1', now });
    customer.pullEvents();
    expect(customer.protectApproved('app-1', now, newId)).toBe(true);
    expect(customer.holders()).toEqual({ ownerId: 'rep', coHolderIds: [] });
    expect(customer.pullEvents()[0]).toMatchObject({ payload: { source: 'approval', applicationId: 'app-1' } });
    expect(customer.protectApproved('app-1', now, newId)).toBe(false);
    expect(types(customer)).toEqual([]);
  });

  it('refuses a claim of nothing before it could record anything', () => {
    const customer = placed();
    expect(() => customer.claim(rep, [], now, newId)).toThrow(DomainError);
    expect(types(customer)).toEqual([]);
  });

  it('release and transfer end exactly what one holder held and report the holders after', () => {
    const customer = PoolCustomer.place({ customerId: 'c-1', poolId: 'p-1', grade: 'B', rules: { ...rules, scopeMode: 'product-line' } });
    customer.claim(rep, [{ kind: 'product-line', productLineId: 'cloud' }], now, newId);
    customer.claim({ ...rep, id: 'rep2' }, [{ kind: 'product-line', productLineId: 'security' }], now, newId);
    customer.pullEvents();
    expect(customer.transfer('rep', 'rep3', '离职', 'manager', now, newId)).toBe(true);
    expect(customer.pullEvents()[0]).toMatchObject({
      type: 'pool.customer-transferred.v1',
      payload: { holders: { ownerId: null, coHolderIds: ['rep2', 'rep3'] } },
    });
    expect(customer.release('rep2', '无意向', 'rep2', now)).toBe(1);
    expect(customer.pullEvents()[0]).toMatchObject({ type: 'pool.customer-released.v1', payload: { holders: { ownerId: null, coHolderIds: ['rep3'] } } });
    expect(() => customer.release('rep2', 'again', 'rep2', now)).toThrow(expect.objectContaining({ code: 'POOL.NOT_HELD' }));
    expect(customer.transfer('nobody', 'rep', 'x', 'manager', now, newId)).toBe(false);
  });

  it('the creator of a customer holds it when their roles may hold its grade, and otherwise applies', () => {
    const mayHold = placed('B');
    expect(mayHold.placeForCreator(rep, now, newId)).toBe('protected');
    expect(mayHold.pullEvents()[0]).toMatchObject({ payload: { source: 'created', holders: { ownerId: 'rep' } } });
    const mayNot = placed('A');
    expect(mayNot.placeForCreator(rep, now, newId)).toBe('needs-approval');
    expect(types(mayNot)).toEqual([]);
  });
});
