import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { ClaimScope } from '../domain/claim-scope.js';
import { DEFAULT_POOL_RULES, type PoolRules } from '../domain/pool-rules.js';

export interface PoolRecord {
  id: string;
  name: string;
  departmentId: string | null;
  isDefault: boolean;
  adminIds: string[];
  rules: PoolRules;
  version: number;
}

export interface EntryRecord {
  customerId: string;
  poolId: string;
  grade: string;
  lastActivityAt: Date;
  protected: boolean;
  whollyProtected: boolean;
  pool: PoolRecord;
}

export interface ProtectionRecord {
  id: string;
  customerId: string;
  poolId: string;
  holderId: string;
  scope: ClaimScope;
  source: 'created' | 'claim' | 'approval' | 'transfer';
  applicationId: string | null;
  since: Date;
}

export interface ApplicationRecord {
  id: string;
  customerId: string;
  poolId: string;
  applicantId: string;
  scopes: ClaimScope[];
  reason: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'recalled' | 'expired';
  approvalRequestId: string | null;
  reservedUntil: Date;
  createdAt: Date;
  closedAt: Date | null;
}

const POOL_COLUMNS = `p.id, p.name, p.department_id AS "departmentId", p.is_default AS "isDefault", p.admin_ids AS "adminIds", p.rules, p.version`;

const PROTECTION_COLUMNS = `id, customer_id AS "customerId", pool_id AS "poolId", holder_id AS "holderId", scope_kind, scope_id,
  product_line_id, source, application_id AS "applicationId", since`;

interface ProtectionRow extends Omit<ProtectionRecord, 'scope'> {
  scope_kind: ClaimScope['kind'];
  scope_id: string | null;
  product_line_id: string | null;
}

function toProtection(row: ProtectionRow): ProtectionRecord {
  const { scope_kind, scope_id, product_line_id, ...rest } = row;
  const scope: ClaimScope =
    scope_kind === 'customer'
      ? { kind: 'customer' }
      : scope_kind === 'product-line'
        ? { kind: 'product-line', productLineId: scope_id! }
        : { kind: 'product', productId: scope_id!, productLineId: product_line_id! };
  return { ...rest, scope };
}

const APPLICATION_COLUMNS = `id, customer_id AS "customerId", pool_id AS "poolId", applicant_id AS "applicantId", scopes, reason, status,
  approval_request_id AS "approvalRequestId", reserved_until AS "reservedUntil", created_at AS "createdAt", closed_at AS "closedAt"`;

function withRules<T extends { rules: Partial<PoolRules> }>(record: T): T & { rules: PoolRules } {
  return { ...record, rules: { ...DEFAULT_POOL_RULES, ...record.rules } };
}

/** Pools, entries, protections and applications; SQL in the caller's transaction. */
@Injectable()
export class PoolRepository {
  constructor(private readonly tx: TransactionHost) {}

  // Pools

  async findPool(id: string): Promise<PoolRecord | undefined> {
    const row = await this.tx.queryOne<PoolRecord>(`SELECT ${POOL_COLUMNS} FROM pool.pools p WHERE p.id = $1`, [id]);
    return row && withRules(row);
  }

  async listPools(): Promise<PoolRecord[]> {
    return (await this.tx.query<PoolRecord>(`SELECT ${POOL_COLUMNS} FROM pool.pools p ORDER BY p.is_default DESC, p.name`)).map(withRules);
  }

  /** The pool a new customer lands in: its owner's (or creator's) department pool, else the default one. */
  async poolForDepartment(departmentId: string | null): Promise<PoolRecord> {
    const row = await this.tx.queryOne<PoolRecord>(
      `SELECT ${POOL_COLUMNS} FROM pool.pools p
        WHERE p.department_id = $1 OR p.is_default ORDER BY p.is_default LIMIT 1`,
      [departmentId],
    );
    return withRules(row!);
  }

  async insertPool(pool: Omit<PoolRecord, 'version' | 'isDefault'>): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO pool.pools (id, name, department_id, admin_ids, rules) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [pool.id, pool.name, pool.departmentId, pool.adminIds, JSON.stringify(pool.rules)],
    );
    return result.rowCount === 1;
  }

  async updatePool(id: string, changes: { rules: PoolRules; adminIds: string[] }, expectedVersion?: number): Promise<number | undefined> {
    const row = await this.tx.queryOne<{ version: number }>(
      `UPDATE pool.pools SET rules = $2, admin_ids = $3, version = version + 1
        WHERE id = $1 AND ($4::int IS NULL OR version = $4) RETURNING version`,
      [id, JSON.stringify(changes.rules), changes.adminIds, expectedVersion ?? null],
    );
    return row?.version;
  }

  // Entries

  async insertEntry(entry: { customerId: string; poolId: string; grade: string; at: Date }): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO pool.entries (customer_id, pool_id, grade, last_activity_at, entered_pool_at)
       VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING`,
      [entry.customerId, entry.poolId, entry.grade, entry.at],
    );
    return result.rowCount === 1;
  }

  /**
   * Loads a customer's entry with its pool, locking the entry row (every claim, approval, release
   * and transfer of one customer is serialised here), and in the same round trip its active
   * protections and pending applications: everything those decide on.
   */
  async lockEntryWithHoldings(
    customerId: string,
  ): Promise<{ entry: EntryRecord; protections: ProtectionRecord[]; applications: ApplicationRecord[] } | undefined> {
    const row = await this.tx.queryOne<Omit<EntryRecord, 'pool'> & { pool: PoolRecord; protections: ProtectionRow[]; applications: ApplicationRecord[] }>(
      `SELECT e.customer_id AS "customerId", e.pool_id AS "poolId", e.grade, e.last_activity_at AS "lastActivityAt",
              e.protected, e.wholly_protected AS "whollyProtected",
              json_build_object('id', p.id, 'name', p.name, 'departmentId', p.department_id, 'isDefault', p.is_default,
                                'adminIds', p.admin_ids, 'rules', p.rules, 'version', p.version) AS pool,
              COALESCE((SELECT json_agg(pr ORDER BY pr.since, pr.id) FROM (SELECT ${PROTECTION_COLUMNS} FROM pool.protections
                         WHERE customer_id = e.customer_id AND released_at IS NULL) pr), '[]') AS protections,
              COALESCE((SELECT json_agg(a ORDER BY a."createdAt") FROM (SELECT ${APPLICATION_COLUMNS} FROM pool.applications
                         WHERE customer_id = e.customer_id AND status = 'pending') a), '[]') AS applications
         FROM pool.entries e JOIN pool.pools p ON p.id = e.pool_id
        WHERE e.customer_id = $1 FOR UPDATE OF e`,
      [customerId],
    );
    if (!row) return undefined;
    const { protections, applications, ...entry } = row;
    return {
      entry: { ...entry, lastActivityAt: new Date(entry.lastActivityAt), pool: withRules(entry.pool) },
      protections: protections.map((protection) => toProtection({ ...protection, since: new Date(protection.since) })),
      applications: applications.map((application) => ({
        ...application,
        reservedUntil: new Date(application.reservedUntil),
        createdAt: new Date(application.createdAt),
        closedAt: application.closedAt && new Date(application.closedAt),
      })),
    };
  }

  async setGrade(customerId: string, grade: string): Promise<void> {
    await this.tx.query(`UPDATE pool.entries SET grade = $2 WHERE customer_id = $1`, [customerId, grade]);
  }

  async setGrades(grades: { customerId: string; grade: string }[]): Promise<void> {
    if (grades.length === 0) return;
    await this.tx.query(
      `UPDATE pool.entries e SET grade = g.grade FROM unnest($1::uuid[], $2::text[]) AS g(id, grade)
        WHERE e.customer_id = g.id AND e.grade IS DISTINCT FROM g.grade`,
      [grades.map((g) => g.customerId), grades.map((g) => g.grade)],
    );
  }

  /** A follow-up restarts the clock (never moves it back) and re-arms the reminder. */
  async recordActivity(customerId: string, at: Date): Promise<void> {
    await this.tx.query(`UPDATE pool.entries SET last_activity_at = GREATEST(last_activity_at, $2), reminded_at = NULL WHERE customer_id = $1`, [
      customerId,
      at,
    ]);
  }

  /** Recomputes the entry flags from the active protections. */
  async refreshEntries(customerIds: readonly string[], restartClock: boolean): Promise<void> {
    await this.tx.query(
      `UPDATE pool.entries e
          SET protected = EXISTS (SELECT 1 FROM pool.protections p WHERE p.customer_id = e.customer_id AND p.released_at IS NULL),
              wholly_protected = EXISTS (SELECT 1 FROM pool.protections p
                                          WHERE p.customer_id = e.customer_id AND p.released_at IS NULL AND p.scope_kind = 'customer'),
              last_activity_at = CASE WHEN $2 THEN GREATEST(e.last_activity_at, now()) ELSE e.last_activity_at END,
              reminded_at = CASE WHEN $2 THEN NULL ELSE e.reminded_at END,
              entered_pool_at = CASE WHEN EXISTS (SELECT 1 FROM pool.protections p
                                                   WHERE p.customer_id = e.customer_id AND p.released_at IS NULL)
                                     THEN e.entered_pool_at ELSE now() END
        WHERE e.customer_id = ANY($1::uuid[])`,
      [customerIds, restartClock],
    );
  }

  // Protections

  /** Ends active protections of some customers (optionally of one holder); returns what ended. */
  async releaseProtections(
    customerIds: readonly string[],
    reason: 'released' | 'recycled' | 'transferred',
    by: string,
    holderId?: string,
  ): Promise<ProtectionRecord[]> {
    const rows = await this.tx.query<ProtectionRow>(
      `UPDATE pool.protections SET released_at = now(), release_reason = $2, released_by = $3
        WHERE customer_id = ANY($1::uuid[]) AND released_at IS NULL AND ($4::uuid IS NULL OR holder_id = $4)
        RETURNING ${PROTECTION_COLUMNS}`,
      [customerIds, reason, by, holderId ?? null],
    );
    return rows.map(toProtection);
  }

  // Applications

  async insertApplication(application: ApplicationRecord): Promise<void> {
    await this.tx.query(
      `INSERT INTO pool.applications (id, customer_id, pool_id, applicant_id, scopes, reason, status, approval_request_id, reserved_until, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        application.id,
        application.customerId,
        application.poolId,
        application.applicantId,
        JSON.stringify(application.scopes),
        application.reason,
        application.status,
        application.approvalRequestId,
        application.reservedUntil,
        application.createdAt,
      ],
    );
  }

  async findApplication(id: string): Promise<ApplicationRecord | undefined> {
    return this.tx.queryOne<ApplicationRecord>(`SELECT ${APPLICATION_COLUMNS} FROM pool.applications WHERE id = $1`, [id]);
  }

  /** Closes a pending application; false when it was no longer pending. */
  async closeApplication(id: string, status: Exclude<ApplicationRecord['status'], 'pending'>): Promise<boolean> {
    const result = await this.tx.execute(`UPDATE pool.applications SET status = $2, closed_at = now() WHERE id = $1 AND status = 'pending'`, [id, status]);
    return result.rowCount === 1;
  }
}
