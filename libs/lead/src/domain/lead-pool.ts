import { LeadPoolErrors } from './lead.errors.js';

/**
 * Lead pools [线索池] form trees (LEAD-6): a master pool for marketing, sub-pools for market teams,
 * a sales pool, a call-centre pool. A pool's path is its ancestors' ids and its own, root first;
 * membership of a pool reaches its whole subtree.
 */

/** Levels a tree may have unless its top-level pool says otherwise; seed 003 advises no more than 3. */
export const DEFAULT_MAX_DEPTH = 3;
export const MAX_DEPTH_LIMIT = 5;

export const ASSIGNMENT_STRATEGIES = ['manual', 'round-robin', 'by-region', 'by-load', 'grab'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/**
 * A pool's rules, stored as data. In this version they are kept and shown; assignment,
 * recycling and claim limits act on them in later versions.
 */
export interface LeadPoolRules {
  /** How new leads find an owner [分配策略]. */
  assignmentStrategy: AssignmentStrategy;
  /** Days a lead may go unworked before it is recycled [回收]; null: never. */
  recycleAfterDays: number | null;
  /** Where recycled leads go: the parent pool (default) or a pool id. */
  recycleTo: 'parent' | string;
  /** Leads one person may grab [抢单] per day; null: no limit. */
  maxClaimsPerDay: number | null;
  /** Open leads one person may own from this pool; null: no limit. */
  maxHeld: number | null;
}

export const DEFAULT_LEAD_POOL_RULES: LeadPoolRules = {
  assignmentStrategy: 'manual',
  recycleAfterDays: null,
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
