import { DEFAULT_LEAD_POOL_RULES, type LeadPoolRules } from '../../domain/lead-pool.js';
import type { LeadReach } from '../lead-access.js';
import type { PoolRef } from './lead-view.js';

/** A lead pool [线索池] as the caller sees it. */
export interface LeadPoolView {
  id: string;
  name: string;
  parentId: string | null;
  path: PoolRef[];
  depth: number;
  /** The levels this pool's tree may have (set on its top-level pool). */
  treeMaxDepth: number;
  memberIds: string[];
  adminIds: string[];
  rules: LeadPoolRules;
  /** The caller's place: a member (sees its leads) and whether they manage it. */
  you: { member: boolean; admin: boolean; manages: boolean };
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface LeadPoolRow {
  id: string;
  name: string;
  parentId: string | null;
  path: string[];
  depth: number;
  treeMaxDepth: number;
  memberIds: string[];
  adminIds: string[];
  rules: LeadPoolRules;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const LEAD_POOL_VIEW_COLUMNS = `p.id, p.name, p.parent_id AS "parentId", p.path, p.depth,
  (SELECT r.max_depth FROM lead.pools r WHERE r.id = p.path[1]) AS "treeMaxDepth",
  p.member_ids AS "memberIds", p.admin_ids AS "adminIds", p.rules, p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;

export function toLeadPoolView(row: LeadPoolRow, reach: LeadReach, names: ReadonlyMap<string, string>): LeadPoolView {
  const userId = reach.actor.id;
  return {
    ...row,
    rules: { ...DEFAULT_LEAD_POOL_RULES, ...row.rules },
    path: row.path.map((id) => ({ id, name: names.get(id) ?? '' })),
    you: { member: row.memberIds.includes(userId), admin: row.adminIds.includes(userId), manages: reach.managesPool(row.path) },
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
