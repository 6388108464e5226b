import type { DomainError } from '@crm/kernel';
import {
  coolDownPolicy,
  dailyLimitPolicy,
  gradeRightOf,
  holdLimitPolicy,
  overlapPolicy,
  reservationPolicy,
  scopeModePolicy,
  type ClaimContext,
} from './claim-policies.js';
import { DEFAULT_POOL_RULES } from './pool-rules.js';

const now = new Date('2026-11-25T10:00:00Z');
const cloud = { kind: 'product-line' as const, productLineId: 'cloud' };
const ecs = { kind: 'product' as const, productId: 'ecs', productLineId: 'cloud' };
const waf = { kind: 'product' as const, productId: 'waf', productLineId: 'security' };

function context(overrides: Partial<Omit<ClaimContext, 'claimant'>> & { claimant?: Partial<ClaimContext['claimant']> } = {}): ClaimContext {
  const { claimant, ...rest } = overrides;
  return {
    customerId: 'c-1',
    grade: 'B',
    rules: DEFAULT_POOL_RULES,
    protections: [],
    applications: [],
    scopes: [{ kind: 'customer' }],
    now,
    ...rest,
    claimant: { id: 'me', roles: ['sales-rep'], lastReleasedAt: null, heldOrPending: 0, claimsToday: 0, ...claimant },
  };
}

const code = (error: DomainError | undefined) => error?.code;

describe('claim policies, each on its own', () => {
  it("scope mode: the claim must use the pool's mode", () => {
    expect(code(scopeModePolicy(context()))).toBeUndefined();
    expect(code(scopeModePolicy(context({ scopes: [cloud] })))).toBe('POOL.SCOPE_NOT_ALLOWED');
  });

  it('overlap: held by me, held by someone else, or free', () => {
    expect(code(overlapPolicy(context({ protections: [{ holderId: 'me', scope: cloud }], scopes: [ecs] })))).toBe('POOL.ALREADY_HELD_BY_YOU');
    expect(code(overlapPolicy(context({ protections: [{ holderId: 'other', scope: { kind: 'customer' } }], scopes: [ecs] })))).toBe('POOL.ALREADY_PROTECTED');
    expect(code(overlapPolicy(context({ protections: [{ holderId: 'other', scope: cloud }], scopes: [waf] })))).toBeUndefined();
  });

  it('reservation: a pending application keeps others out and tells its applicant it is pending', () => {
    const applications = [{ id: 'app-1', applicantId: 'other', scopes: [ecs], reservedUntil: new Date('2026-11-28T00:00:00Z') }];
    expect(reservationPolicy(context({ applications, scopes: [cloud] }))).toMatchObject({
      code: 'POOL.RESERVED',
      details: { reservedUntil: '2026-11-28T00:00:00.000Z' },
    });
    expect(code(reservationPolicy(context({ applications, scopes: [waf] })))).toBeUndefined();
    expect(reservationPolicy(context({ applications, scopes: [ecs], claimant: { id: 'other' } }))).toMatchObject({
      code: 'POOL.APPLICATION_PENDING',
      details: { applicationId: 'app-1' },
    });
  });

  it("cool-down: counted from the claimant's last release of this customer", () => {
    const released = new Date(now.getTime() - 6 * 86_400_000);
    expect(code(coolDownPolicy(context({ claimant: { lastReleasedAt: released } })))).toBe('POOL.COOL_DOWN');
    expect(code(coolDownPolicy(context({ claimant: { lastReleasedAt: new Date(now.getTime() - 7 * 86_400_000) } })))).toBeUndefined();
    expect(code(coolDownPolicy(context({ rules: { ...DEFAULT_POOL_RULES, coolDownDays: 0 }, claimant: { lastReleasedAt: released } })))).toBeUndefined();
  });

  it("hold limit: held plus pending against the largest limit of the roles, or the user's own", () => {
    const rules = { ...DEFAULT_POOL_RULES, maxHeldByRole: { 'sales-rep': 2 }, maxHeldByUser: { star: 5 } };
    expect(code(holdLimitPolicy(context({ rules, claimant: { heldOrPending: 1 } })))).toBeUndefined();
    expect(code(holdLimitPolicy(context({ rules, claimant: { heldOrPending: 2 } })))).toBe('POOL.HOLD_LIMIT_REACHED');
    expect(code(holdLimitPolicy(context({ rules, claimant: { id: 'star', heldOrPending: 4 } })))).toBeUndefined();
    expect(code(holdLimitPolicy(context({ claimant: { heldOrPending: 10_000 } })))).toBeUndefined();
  });

  it('daily limit: claims and applications today', () => {
    const rules = { ...DEFAULT_POOL_RULES, maxClaimsPerDay: 3 };
    expect(code(dailyLimitPolicy(context({ rules, claimant: { claimsToday: 2 } })))).toBeUndefined();
    expect(code(dailyLimitPolicy(context({ rules, claimant: { claimsToday: 3 } })))).toBe('POOL.DAILY_CLAIM_LIMIT_REACHED');
    expect(code(dailyLimitPolicy(context({ claimant: { claimsToday: 99 } })))).toBeUndefined();
  });

  it('grade right: listed grades need a listed role, others are open (POOL-2)', () => {
    const rules = { ...DEFAULT_POOL_RULES, gradeRights: { A: ['sales-manager'] } };
    expect(gradeRightOf(context({ rules, grade: 'A' }))).toBe('needs-approval');
    expect(gradeRightOf(context({ rules, grade: 'A', claimant: { roles: ['sales-manager'] } }))).toBe('direct');
    expect(gradeRightOf(context({ rules, grade: 'B' }))).toBe('direct');
  });
});
