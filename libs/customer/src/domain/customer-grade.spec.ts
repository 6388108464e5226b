import { deriveGrade, findAmbiguousRule, type GradePolicy } from './customer-grade.js';

const policy: GradePolicy = {
  rules: [
    { type: null, size: 'large', grade: 'B' },
    { type: 'state-owned', size: null, grade: 'B+' },
    { type: 'state-owned', size: 'large', grade: 'A' },
  ],
  defaultGrade: 'C',
};

describe('deriveGrade', () => {
  it('prefers type+size over type over size over the default', () => {
    expect(deriveGrade('state-owned', 'large', policy)).toBe('A');
    expect(deriveGrade('state-owned', 'small', policy)).toBe('B+');
    expect(deriveGrade('private', 'large', policy)).toBe('B');
    expect(deriveGrade('private', 'small', policy)).toBe('C');
    expect(deriveGrade('private', null, policy)).toBe('C');
  });

  it('spots two rules for the same type and size', () => {
    expect(findAmbiguousRule(policy.rules)).toBeUndefined();
    expect(findAmbiguousRule([...policy.rules, { type: null, size: 'large', grade: 'D' }])).toMatchObject({ grade: 'D' });
  });
});
