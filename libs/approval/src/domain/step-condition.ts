import Big from 'big.js';

/**
 * When a step applies [条件节点]: every condition must hold on the facts the requesting context
 * supplied (amount, contract type, grade…). Amounts are decimal strings and compare as decimals,
 * never as floating point.
 */
export const CONDITION_OPERATORS = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export interface StepCondition {
  fact: string;
  op: ConditionOperator;
  value: string | number | boolean | (string | number)[];
}

export type FactValue = string | number | boolean | null | undefined | object;

const DECIMAL = /^-?\d{1,30}(\.\d{1,20})?$/;

function asDecimal(value: unknown): Big | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof text === 'string' && DECIMAL.test(text) ? new Big(text) : undefined;
}

function holds(condition: StepCondition, fact: FactValue): boolean {
  switch (condition.op) {
    case 'eq':
      return fact === condition.value;
    case 'ne':
      return fact !== condition.value;
    case 'in':
      return Array.isArray(condition.value) && (condition.value as unknown[]).includes(fact);
    default: {
      // A missing or non-numeric fact never satisfies a comparison: the step is then skipped.
      const left = asDecimal(fact);
      const right = asDecimal(condition.value);
      if (!left || !right) return false;
      const order = left.cmp(right);
      return condition.op === 'gt' ? order > 0 : condition.op === 'gte' ? order >= 0 : condition.op === 'lt' ? order < 0 : order <= 0;
    }
  }
}

/** True when the step applies to a request with these facts; a step without conditions always applies. */
export function stepApplies(conditions: readonly StepCondition[] | undefined, facts: Readonly<Record<string, FactValue>>): boolean {
  return (conditions ?? []).every((condition) => holds(condition, facts[condition.fact]));
}

/** A condition list from a process definition must be checkable before it is stored. */
export function invalidCondition(condition: StepCondition): string | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(condition.fact)) return 'fact must be a plain name such as amount or contractType';
  if (!(CONDITION_OPERATORS as readonly string[]).includes(condition.op)) return `op must be one of ${CONDITION_OPERATORS.join(', ')}`;
  if (condition.op === 'in' && !Array.isArray(condition.value)) return '`in` needs a list';
  if (['gt', 'gte', 'lt', 'lte'].includes(condition.op) && !asDecimal(condition.value)) return 'comparisons need a decimal number, e.g. "500000"';
  return undefined;
}
