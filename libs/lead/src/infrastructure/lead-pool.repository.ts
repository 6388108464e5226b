import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { DEFAULT_LEAD_POOL_RULES, type LeadPoolRules } from '../domain/lead-pool.js';
import { LeadPoolErrors } from '../domain/lead.errors.js';
import type { VersionedRules } from '../domain/lead.aggregate.js';
import type { ScoringRules } from '../domain/scoring.js';

export interface LeadPoolRecord {
  id: string;
  name: string;
  parentId: string | null;
  /** Ancestors' ids and its own, root first. */
  path: string[];
  depth: number;
  /** Set on top-level pools: the levels their tree may have. */
  maxDepth: number | null;
  memberIds: string[];
  adminIds: string[];
  rules: LeadPoolRules;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const POOL_COLUMNS = `p.id, p.name, p.parent_id AS "parentId", p.path, p.depth, p.max_depth AS "maxDepth", p.member_ids AS "memberIds",
  p.admin_ids AS "adminIds", p.rules, p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;

function withRules(record: LeadPoolRecord): LeadPoolRecord {
  return { ...record, rules: { ...DEFAULT_LEAD_POOL_RULES, ...record.rules } };
}

function nameTaken(error: unknown): never {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'pools_sibling_name_key') throw LeadPoolErrors.nameTaken();
  throw error;
}

/** Lead pools [线索池]; SQL in the caller's transaction. */
@Injectable()
export class LeadPoolRepository {
  constructor(private readonly tx: TransactionHost) {}

  async find(id: string): Promise<LeadPoolRecord | undefined> {
    const row = await this.tx.queryOne<LeadPoolRecord>(`SELECT ${POOL_COLUMNS} FROM lead.pools p WHERE p.id = $1`, [id]);
    return row && withRules(row);
  }

  /**
   * The pool (undefined when there is none) and the scoring rules in force, in one statement: a
   * capture needs both before it looks for the person's open lead.
   */
  async findWithScoringRules(id: string): Promise<{ pool: LeadPoolRecord | undefined; scoring: VersionedRules }> {
    const row = await this.tx.queryOne<LeadPoolRecord & { scoring_rules: ScoringRules; scoring_version: number }>(
      `SELECT s.rules AS scoring_rules, s.version AS scoring_version, p.*
         FROM lead.scoring_rules s LEFT JOIN LATERAL (SELECT ${POOL_COLUMNS} FROM lead.pools p WHERE p.id = $1) p ON true
        WHERE s.id = 1`,
      [id],
    );
    const { scoring_rules: rules, scoring_version: version, ...pool } = row!;
    return { pool: pool.id ? withRules(pool) : undefined, scoring: { rules, version } };
  }

  /** Locks a pool row: edits of one pool, and sub-pools added under it, take turns. */
  async lock(id: string): Promise<LeadPoolRecord | undefined> {
    const row = await this.tx.queryOne<LeadPoolRecord>(`SELECT ${POOL_COLUMNS} FROM lead.pools p WHERE p.id = $1 FOR UPDATE`, [id]);
    return row && withRules(row);
  }

  /** The pools a user is a member or an admin of (their subtrees are the user's reach). */
  async reachOf(userId: string): Promise<{ memberOf: string[]; adminOf: string[] }> {
    const rows = await this.tx.query<{ id: string; admin: boolean }>(
      `SELECT id, admin_ids @> ARRAY[$1::uuid] AS admin FROM lead.pools WHERE member_ids @> ARRAY[$1::uuid] OR admin_ids @> ARRAY[$1::uuid]`,
      [userId],
    );
    return { memberOf: rows.map((row) => row.id), adminOf: rows.filter((row) => row.admin).map((row) => row.id) };
  }

  /** Members and admins of the pools on a path: the people who work leads there. */
  async peopleOnPath(path: readonly string[]): Promise<Set<string>> {
    const rows = await this.tx.query<{ id: string }>(`SELECT DISTINCT unnest(member_ids || admin_ids)::text AS id FROM lead.pools WHERE id = ANY($1::uuid[])`, [
      [...path],
    ]);
    return new Set(rows.map((row) => row.id));
  }

  /** The deepest level any pool of the tree under `rootId` has. */
  async deepestUnder(rootId: string): Promise<number> {
    const row = await this.tx.queryOne<{ depth: number | null }>(`SELECT max(depth) AS depth FROM lead.pools WHERE path @> ARRAY[$1::uuid]`, [rootId]);
    return row?.depth ?? 1;
  }

  /** Names of pools by id (for paths shown to people). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.tx.query<{ id: string; name: string }>(`SELECT id, name FROM lead.pools WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async insert(pool: Omit<LeadPoolRecord, 'createdAt' | 'updatedAt' | 'version'>): Promise<void> {
    await this.tx
      .query(
        `INSERT INTO lead.pools (id, name, parent_id, path, depth, max_depth, member_ids, admin_ids, rules)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [pool.id, pool.name, pool.parentId, pool.path, pool.depth, pool.maxDepth, pool.memberIds, pool.adminIds, JSON.stringify(pool.rules)],
      )
      .catch(nameTaken);
  }

  /** Saves a pool's editable fields when it is still at `expectedVersion`; the new version, else undefined. */
  async update(
    id: string,
    changes: Pick<LeadPoolRecord, 'name' | 'maxDepth' | 'memberIds' | 'adminIds' | 'rules'>,
    expectedVersion: number,
  ): Promise<number | undefined> {
    const row = await this.tx
      .queryOne<{ version: number }>(
        `UPDATE lead.pools SET name = $2, max_depth = $3, member_ids = $4, admin_ids = $5, rules = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $7 RETURNING version`,
        [id, changes.name, changes.maxDepth, changes.memberIds, changes.adminIds, JSON.stringify(changes.rules), expectedVersion],
      )
      .catch(nameTaken);
    return row?.version;
  }
}
