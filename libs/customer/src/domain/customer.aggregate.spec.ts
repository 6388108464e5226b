import { DomainError } from '@crm/kernel';
import { Customer } from './customer.aggregate.js';
import type { GradePolicy } from './customer-grade.js';
import type { CustomerProfile } from './customer.types.js';

const grades: GradePolicy = {
  rules: [
    { type: 'government', size: null, grade: 'A' },
    { type: null, size: 'large', grade: 'B' },
    { type: 'private', size: 'large', grade: 'A' },
  ],
  defaultGrade: 'C',
};

const now = new Date('2026-11-25T08:00:00Z');

function profile(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    name: '杭州云栖科技有限公司',
    shortName: null,
    industry: 'software',
    creditCode: null,
    country: 'cn',
    province: '浙江',
    city: '杭州',
    size: 'medium',
    type: 'private',
    phone: null,
    email: null,
    website: null,
    parentId: null,
    ...overrides,
  };
}

function create(overrides: Partial<CustomerProfile> = {}, kind: 'enterprise' | 'individual' = 'enterprise') {
  return Customer.create({ id: 'c-1', kind, profile: profile(overrides), requestedOwnerId: 'u-1', createdBy: 'u-1', now }, grades);
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('Customer', () => {
  it('is created in the pool (the Pool context decides who holds it), graded, keyed for duplicates, naming the owner asked for in one event', () => {
    const customer = create({ size: 'large', phone: '+86 138-0013-8000' });
    const state = customer.snapshot();
    expect(state).toMatchObject({
      status: 'in-pool',
      ownerId: null,
      grade: 'A',
      country: 'CN',
      normalizedName: '杭州云栖科技',
      normalizedPhone: '13800138000',
      version: 1,
    });
    const events = customer.pullEvents();
    expect(events.map((event) => event.type)).toEqual(['customer.created.v1']);
    expect(events[0]!.payload).toMatchObject({ customerId: 'c-1', grade: 'A', ownerId: 'u-1' });
    expect(customer.pullEvents()).toEqual([]);
  });

  it('without an owner lands in the public pool', () => {
    const customer = Customer.create({ id: 'c-2', kind: 'enterprise', profile: profile(), requestedOwnerId: null, createdBy: 'u-1', now }, grades);
    expect(customer.snapshot().status).toBe('in-pool');
  });

  it('rejects a credit code with a wrong check digit, and accepts a valid one', () => {
    expect(codeOf(() => create({ creditCode: '91350100M000100Y44' }))).toBe('CUSTOMER.INVALID_CREDIT_CODE');
    expect(create({ creditCode: '91350100m000100y43' }).snapshot().creditCode).toBe('91350100M000100Y43');
  });

  it('keeps individuals and enterprises apart: type, credit code, parent', () => {
    expect(codeOf(() => create({ type: 'individual' }))).toBe('CUSTOMER.TYPE_MISMATCH');
    expect(codeOf(() => create({ type: 'individual', creditCode: '91350100M000100Y43' }, 'individual'))).toBe('CUSTOMER.CREDIT_CODE_NOT_APPLICABLE');
    expect(codeOf(() => create({ type: 'individual', parentId: 'p-1' }, 'individual'))).toBe('CUSTOMER.PARENT_NOT_APPLICABLE');
    expect(codeOf(() => create({ parentId: 'c-1' }))).toBe('CUSTOMER.PARENT_CYCLE');
  });

  it('records what an update changed, before and after, and re-grades', () => {
    const customer = create();
    customer.pullEvents();
    const changes = customer.updateProfile({ size: 'large', city: '宁波' }, grades, now);
    expect(changes).toEqual({ city: { from: '杭州', to: '宁波' }, size: { from: 'medium', to: 'large' }, grade: { from: 'C', to: 'A' } });
    expect(customer.version).toBe(2);
    expect(customer.pullEvents()[0]).toMatchObject({ type: 'customer.updated.v1', payload: { changes } });
  });

  it('treats an update that changes nothing as no change: no event, same version', () => {
    const customer = create();
    customer.pullEvents();
    expect(customer.updateProfile({ city: '杭州' }, grades, now)).toEqual({});
    expect(customer.version).toBe(1);
    expect(customer.pullEvents()).toEqual([]);
  });

  it('moves the last follow-up forward only, and refuses follow-ups from the future', () => {
    const customer = create();
    const followUp = (occurredAt: string) => ({
      id: 'f',
      customerId: 'c-1',
      authorId: 'u-1',
      channel: 'call' as const,
      content: 'called',
      occurredAt: new Date(occurredAt),
      nextFollowUpAt: null,
    });
    customer.recordFollowUp(followUp('2026-11-20T00:00:00Z'), now);
    customer.recordFollowUp(followUp('2026-11-10T00:00:00Z'), now);
    expect(customer.snapshot().lastFollowUpAt).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(codeOf(() => customer.recordFollowUp(followUp('2026-11-26T00:00:00Z'), now))).toBe('CUSTOMER.FOLLOW_UP_IN_FUTURE');
  });
});
