import { anyOverlap, scopesOverlap, type ClaimScope } from './claim-scope.js';
import { DEFAULT_POOL_RULES, holdLimitFor, mayClaimDirectly } from './pool-rules.js';

const whole: ClaimScope = { kind: 'customer' };
const cloud: ClaimScope = { kind: 'product-line', productLineId: 'cloud' };
const security: ClaimScope = { kind: 'product-line', productLineId: 'security' };
const ecs: ClaimScope = { kind: 'product', productId: 'ecs', productLineId: 'cloud' };
const rds: ClaimScope = { kind: 'product', productId: 'rds', productLineId: 'cloud' };

describe('claim scopes (POOL-7)', () => {
  it('whole customer overlaps everything', () => {
    for (const other of [whole, cloud, ecs]) expect(scopesOverlap(whole, other)).toBe(true);
  });

  it('a line overlaps itself and its products, not other lines', () => {
    expect(scopesOverlap(cloud, ecs)).toBe(true);
    expect(scopesOverlap(ecs, cloud)).toBe(true);
    expect(scopesOverlap(cloud, security)).toBe(false);
  });

  it('products overlap only themselves', () => {
    expect(scopesOverlap(ecs, rds)).toBe(false);
    expect(anyOverlap([rds, { kind: 'product', productId: 'waf', productLineId: 'security' }], [ecs])).toBe(false);
    expect(anyOverlap([rds, ecs], [ecs])).toBe(true);
  });
});

describe('pool rules', () => {
  const rules = {
    ...DEFAULT_POOL_RULES,
    recycleAfterDaysByGrade: { A: 90 },
    maxHeldByRole: { 'sales-rep': 50, 'sales-manager': 200 },
    maxHeldByUser: { star: 80 },
    gradeRights: { A: ['sales-manager'] },
  };

  it('hold limit: user override, else the largest of the roles, else none', () => {
    expect(holdLimitFor(rules, 'star', ['sales-rep'])).toBe(80);
    expect(holdLimitFor(rules, 'x', ['sales-rep', 'sales-manager'])).toBe(200);
    expect(holdLimitFor(rules, 'x', ['finance'])).toBeNull();
  });

  it('grade rights: listed grades need a listed role; unlisted grades are open (POOL-2)', () => {
    expect(mayClaimDirectly(rules, 'A', ['sales-rep'])).toBe(false);
    expect(mayClaimDirectly(rules, 'A', ['sales-manager'])).toBe(true);
    expect(mayClaimDirectly(rules, 'B', ['sales-rep'])).toBe(true);
  });
});
