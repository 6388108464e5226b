import type { CustomerSize, CustomerType } from './customer.types.js';

/**
 * Grade [客户等级] from type and size (POOL-2). A rule with a type and a size beats one with a
 * type only, which beats one with a size only; no matching rule gives the default grade.
 */
export interface GradeRule {
  type: CustomerType | null;
  size: CustomerSize | null;
  grade: string;
}

export interface GradePolicy {
  rules: readonly GradeRule[];
  defaultGrade: string;
}

function specificity(rule: GradeRule): number {
  return (rule.type !== null ? 2 : 0) + (rule.size !== null ? 1 : 0);
}

export function deriveGrade(type: CustomerType, size: CustomerSize | null, policy: GradePolicy): string {
  let best: GradeRule | undefined;
  for (const rule of policy.rules) {
    const matches = (rule.type === null || rule.type === type) && (rule.size === null || rule.size === size);
    if (matches && (!best || specificity(rule) > specificity(best))) best = rule;
  }
  return best?.grade ?? policy.defaultGrade;
}

/** Two rules for the same (type, size) would make the grade ambiguous. */
export function findAmbiguousRule(rules: readonly GradeRule[]): GradeRule | undefined {
  const seen = new Set<string>();
  for (const rule of rules) {
    const key = `${rule.type ?? '*'}|${rule.size ?? '*'}`;
    if (seen.has(key)) return rule;
    seen.add(key);
  }
  return undefined;
}
