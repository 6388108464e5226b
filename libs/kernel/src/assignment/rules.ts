/**
 * Assignment rules [分配规则]: an ordered list of entries, each a set of conditions over named facts
 * (region, channel, type, productLineId, grade, score…). Entries are evaluated in order and the
 * first whose conditions all hold wins; an entry without conditions matches everything, so a
 * catch-all goes last. What an entry leads to (`then`) is the caller's: a list of candidates, a
 * strategy, a pool…
 *
 * Rules are data (stored as JSON by the caller), so every function here is pure and total: a fact
 * that is missing never matches, and comparisons of text ignore case and surrounding spaces.
 */

/** A fact's value as the caller knows it; `null` / `undefined` mean "unknown" and match nothing. */
export type FactValue = string | number | boolean | null | undefined;

/** The facts a rule is evaluated against, by name (`{region: '浙江', grade: 'A', score: 85}`). */
export type Facts = Readonly<Record<string, FactValue>>;

/** One test of one fact. */
export type Condition =
  /** The fact equals `value` (text without regard to case and surrounding spaces). */
  | { readonly fact: string; readonly op: 'eq'; readonly value: string | number | boolean }
  /** The fact is one of `values`. */
  | { readonly fact: string; readonly op: 'in'; readonly values: readonly (string | number | boolean)[] }
  /** A number within `[min, max]`, both inclusive and each optional (a numeric text counts). */
  | { readonly fact: string; readonly op: 'range'; readonly min?: number; readonly max?: number };

/** One entry of an ordered rule list: every condition must hold (none = catch-all). */
export interface AssignmentRule<TThen> {
  readonly id: string;
  readonly when: readonly Condition[];
  readonly then: TThen;
}

/** Why an entry did not match: the first condition that failed, and the fact's value. */
export interface RuleMiss {
  readonly ruleId: string;
  readonly failed: Condition;
  readonly actual: FactValue;
}

export interface RuleMatch<TThen> {
  /** The entry that matched, or null when none did (no catch-all). */
  readonly rule: AssignmentRule<TThen> | null;
  /** Its position in the list (-1 when none matched). */
  readonly index: number;
  /** Every entry tried before it, with the condition that failed: the "why" of a decision. */
  readonly misses: readonly RuleMiss[];
}

function textKey(value: string | number | boolean): string {
  return String(value).trim().toLowerCase();
}

function toNumber(value: FactValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Whether one condition holds for the facts. */
export function conditionHolds(condition: Condition, facts: Facts): boolean {
  const actual = facts[condition.fact];
  if (actual === null || actual === undefined) return false;
  switch (condition.op) {
    case 'eq':
      return textKey(actual) === textKey(condition.value);
    case 'in':
      return condition.values.some((v) => textKey(v) === textKey(actual));
    case 'range': {
      const n = toNumber(actual);
      if (n === null) return false;
      if (condition.min !== undefined && n < condition.min) return false;
      if (condition.max !== undefined && n > condition.max) return false;
      return true;
    }
  }
}

/** The first entry whose conditions all hold, with the reasons the earlier ones did not. */
export function matchRule<TThen>(rules: readonly AssignmentRule<TThen>[], facts: Facts): RuleMatch<TThen> {
  const misses: RuleMiss[] = [];
  for (const [index, rule] of rules.entries()) {
    const failed = rule.when.find((c) => !conditionHolds(c, facts));
    if (!failed) return { rule, index, misses };
    misses.push({ ruleId: rule.id, failed, actual: facts[failed.fact] ?? null });
  }
  return { rule: null, index: -1, misses };
}

/**
 * Problems with a rule list as data (for a 400 before it is stored): duplicate ids, conditions
 * without a fact, `in` without values, `range` without bounds or with `min > max`. Empty = valid.
 */
export function ruleListProblems(rules: readonly AssignmentRule<unknown>[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    if (!rule.id) problems.push(`rules[${i}].id is empty`);
    else if (ids.has(rule.id)) problems.push(`rules[${i}].id "${rule.id}" is used twice`);
    ids.add(rule.id);
    for (const [j, c] of rule.when.entries()) {
      const at = `rules[${i}].when[${j}]`;
      if (!c.fact) problems.push(`${at}.fact is empty`);
      if (c.op === 'in' && c.values.length === 0) problems.push(`${at}.values is empty`);
      if (c.op === 'range') {
        if (c.min === undefined && c.max === undefined) problems.push(`${at} has neither min nor max`);
        if (c.min !== undefined && c.max !== undefined && c.min > c.max) problems.push(`${at}.min is above max`);
      }
    }
  }
  return problems;
}
