import { invalidCondition, stepApplies } from './step-condition.js';

describe('conditional approval steps', () => {
  it('applies a step without conditions to every request', () => {
    expect(stepApplies(undefined, {})).toBe(true);
    expect(stepApplies([], { amount: '1' })).toBe(true);
  });

  it('compares decimal amounts exactly, at the boundary and beyond floating point', () => {
    const legal = [{ fact: 'amount', op: 'gte' as const, value: '500000' }];
    expect(stepApplies(legal, { amount: '500000.00' })).toBe(true);
    expect(stepApplies(legal, { amount: '499999.99' })).toBe(false);
    // 0.1 + 0.2 in floating point is 0.30000000000000004: as decimals it is exactly 0.3.
    expect(stepApplies([{ fact: 'amount', op: 'lte', value: '0.3' }], { amount: '0.30' })).toBe(true);
    expect(stepApplies([{ fact: 'amount', op: 'gt', value: '9007199254740993' }], { amount: '9007199254740994' })).toBe(true);
  });

  it('never applies a comparison to a missing or non-numeric fact', () => {
    const big = [{ fact: 'amount', op: 'gt' as const, value: '0' }];
    expect(stepApplies(big, {})).toBe(false);
    expect(stepApplies(big, { amount: 'lots' })).toBe(false);
  });

  it('all conditions must hold: equality, lists, inequality', () => {
    const conditions = [
      { fact: 'contractType', op: 'in' as const, value: ['framework', 'project'] },
      { fact: 'currency', op: 'ne' as const, value: 'USD' },
    ];
    expect(stepApplies(conditions, { contractType: 'framework', currency: 'CNY' })).toBe(true);
    expect(stepApplies(conditions, { contractType: 'framework', currency: 'USD' })).toBe(false);
    expect(stepApplies(conditions, { contractType: 'standard', currency: 'CNY' })).toBe(false);
    expect(stepApplies([{ fact: 'grade', op: 'eq', value: 'A' }], { grade: 'A' })).toBe(true);
  });

  it('refuses conditions that could never be evaluated', () => {
    expect(invalidCondition({ fact: 'amount', op: 'gte', value: 'half a million' })).toMatch(/decimal/);
    expect(invalidCondition({ fact: 'a.b', op: 'eq', value: 1 })).toMatch(/plain name/);
    expect(invalidCondition({ fact: 'type', op: 'in', value: 'framework' })).toMatch(/list/);
    expect(invalidCondition({ fact: 'amount', op: 'gte', value: '500000' })).toBeUndefined();
  });
});
