import { ruleListProblems, type AssignmentRule, type PickStrategy } from '@crm/kernel';
import { LeadErrors, LeadPoolErrors } from './lead.errors.js';

/**
 * Lead pools [线索池] form trees (LEAD-6): a master pool for marketing, sub-pools for market teams,
 * a sales pool, a call-centre pool. A pool's path is its ancestors' ids and its own, root first;
 * membership of a pool reaches its whole subtree.
 */

/** Levels a tree may have unless its top-level pool says otherwise; seed 003 advises no more than 3. */
export const DEFAULT_MAX_DEPTH = 3;
export const MAX_DEPTH_LIMIT = 5;

/**
 * How new leads of a pool find an owner [分配策略]: `manual` and `grab` leave them in the pool
 * (an admin assigns, members claim [抢单]); `round-robin` and `by-load` (least busy) go over the
 * pool's members; `by-rules` (and `by-region`, its older name) evaluates `assignmentRules` in
 * order, first match wins, and picks among that entry's people by its strategy.
 */
export const ASSIGNMENT_STRATEGIES = ['manual', 'round-robin', 'by-region', 'by-load', 'grab', 'by-rules'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/** What an assignment rule entry leads to: these people (none: the pool's members), picked by `strategy`. */
export interface AssignTo {
  assigneeIds: string[];
  strategy: PickStrategy;
}

/** A pool's rules, stored as data (assignment, claim limits, recycling). */
export interface LeadPoolRules {
  /** How new leads find an owner [分配策略]. */
  assignmentStrategy: AssignmentStrategy;
  /** Ordered entries for `by-rules`: conditions over the lead's facts (province, city, channel, grade, score…). */
  assignmentRules: AssignmentRule<AssignTo>[];
  /** Per-person limit of open leads held from this pool, overriding `maxHeld` [个人容量]. */
  memberCapacity: Record<string, number>;
  /** Per-person weight for the `weighted` strategy (default 1). */
  memberWeights: Record<string, number>;
  /** Days after assignment without follow-up before a lead is recycled [回收]; null: never. */
  recycleAfterDays: number | null;
  /** Hours before the follow-up deadline (`recycleAfterDays`) when the owner is reminded once [回收提醒]; null: no reminder. */
  remindHoursBefore: number | null;
  /** Days after assignment without conversion before a lead is recycled; null: never. */
  recycleIfNotConvertedDays: number | null;
  /** Days the previous owner of a recycled lead must wait before claiming it again [冷却期]; null: none. */
  reclaimCooldownDays: number | null;
  /** Where recycled leads go: the parent pool (default) or a pool id. */
  recycleTo: 'parent' | string;
  /** Leads one person may grab [抢单] per day; null: no limit. */
  maxClaimsPerDay: number | null;
  /** Open leads one person may own from this pool; null: no limit. */
  maxHeld: number | null;
}

export const DEFAULT_LEAD_POOL_RULES: LeadPoolRules = {
  assignmentStrategy: 'manual',
  assignmentRules: [],
  memberCapacity: {},
  memberWeights: {},
  recycleAfterDays: null,
  remindHoursBefore: null,
  recycleIfNotConvertedDays: null,
  reclaimCooldownDays: null,
  recycleTo: 'parent',
  maxClaimsPerDay: null,
  maxHeld: null,
};

export interface PoolPlace {
  id: string;
  /** Ancestors' ids and its own, root first. */
  path: string[];
}

/** The depth (1 for a top-level pool) and path of a new pool under `parent`, within its tree's limit. */
export function placeUnder(id: string, parent: PoolPlace | null, treeMaxDepth: number): { depth: number; path: string[] } {
  if (!parent) return { depth: 1, path: [id] };
  const depth = parent.path.length + 1;
  if (depth > treeMaxDepth) throw LeadPoolErrors.tooDeep(treeMaxDepth);
  return { depth, path: [...parent.path, id] };
}

/** A tree's new maximum depth must hold every pool already in it. */
export function checkMaxDepth(maxDepth: number, deepestInTree: number): number {
  if (maxDepth < deepestInTree) throw LeadPoolErrors.depthBelowTree(deepestInTree);
  return maxDepth;
}

/** True when the pool at `path` is one of `poolIds` or lies below one of them. */
export function withinAny(path: readonly string[], poolIds: readonly string[]): boolean {
  return path.some((id) => poolIds.includes(id));
}

/** The top-level pool every installation starts with [市场部线索总池]; leads captured without a pool land in it. */
export const MASTER_POOL_ID = '00000000-0000-7000-8000-0000000000b1';

/** Rules as data must make sense before they are stored (a 400 says which entry is wrong). */
export function checkPoolRules(rules: LeadPoolRules): LeadPoolRules {
  const problems = ruleListProblems(rules.assignmentRules);
  for (const [field, map] of [
    ['memberCapacity', rules.memberCapacity],
    ['memberWeights', rules.memberWeights],
  ] as const) {
    for (const [userId, value] of Object.entries(map)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problems.push(`${field}.${userId} must be a number of at least 0`);
    }
  }
  if (problems.length > 0) throw LeadErrors.invalidAssignmentRules(problems);
  return rules;
}

/** Everyone the rules name as an assignee. */
export function assigneesOf(rules: LeadPoolRules): string[] {
  return rules.assignmentRules.flatMap((rule) => rule.then.assigneeIds);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an owned lead is due to go back [回收] under its pool's rules: no follow-up within
 * `recycleAfterDays` of its assignment (or of its last follow-up), or no conversion within
 * `recycleIfNotConvertedDays` of its assignment. The first rule that applies is the reason.
 */
export function recycleDue(
  rules: LeadPoolRules,
  lead: { assignedAt: Date | null; lastWorkedAt: Date | null },
  now: Date,
): { rule: 'not-followed-up' | 'not-converted'; afterDays: number } | null {
  if (!lead.assignedAt) return null;
  const since = (from: Date, days: number) => now.getTime() - from.getTime() >= days * DAY_MS;
  if (rules.recycleAfterDays !== null && since(lead.lastWorkedAt ?? lead.assignedAt, rules.recycleAfterDays)) {
    return { rule: 'not-followed-up', afterDays: rules.recycleAfterDays };
  }
  if (rules.recycleIfNotConvertedDays !== null && since(lead.assignedAt, rules.recycleIfNotConvertedDays)) {
    return { rule: 'not-converted', afterDays: rules.recycleIfNotConvertedDays };
  }
  return null;
}

/** Where a pool's recycled leads go: a named pool, else its parent, else (a top-level pool) itself. */
export function recycleTarget(pool: { id: string; path: readonly string[]; rules: LeadPoolRules }): string {
  if (pool.rules.recycleTo !== 'parent') return pool.rules.recycleTo;
  return pool.path.length > 1 ? pool.path[pool.path.length - 2]! : pool.id;
}
