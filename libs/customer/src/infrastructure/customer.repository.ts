import { Injectable } from '@nestjs/common';
import { SqlParams, TransactionHost, UnitOfWork, type SqlStatement } from '@crm/platform';
import { Customer, type CustomerState } from '../domain/customer.aggregate.js';
import type { GradePolicy, GradeRule } from '../domain/customer-grade.js';
import type { DuplicateCandidate } from '../domain/customer.errors.js';
import type { FollowUp } from '../domain/follow-up.js';
import { CUSTOMER_COLUMNS, toCustomerState, toCustomerValues, type CustomerRow } from './customer.mapper.js';

export interface DuplicateKeys {
  kind: CustomerState['kind'];
  creditCode: string | null;
  normalizedName: string;
  normalizedPhone: string | null;
  excludeId?: string;
}

const COLUMN_LIST = CUSTOMER_COLUMNS.replace(/\s+/g, ' ');
const COLUMNS = COLUMN_LIST.split(',').map((column) => column.trim());
const PLACEHOLDERS = COLUMNS.map((_, index) => `$${index + 1}`).join(', ');
/** Holders are a read copy of the Pool context's protections (projected by ProjectCustomerHoldersReaction), never written from the aggregate. */
const UPDATABLE = COLUMNS.filter((column) => !['id', 'kind', 'created_by', 'created_at', 'version', 'owner_id', 'co_holder_ids', 'status'].includes(column));

/** Similarity at or above which a name counts as "probably the same company". */
const SIMILAR_NAME_THRESHOLD = 0.5;

/**
 * Writes and loads the Customer aggregate; always inside the caller's transaction when there is
 * one. A saved aggregate's events go out with the unit of work's commit.
 */
@Injectable()
export class CustomerRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  async findById(id: string): Promise<Customer | undefined> {
    const row = await this.tx.queryOne<CustomerRow>(`SELECT ${COLUMN_LIST} FROM customer.customers WHERE id = $1`, [id]);
    return row && Customer.rehydrate(toCustomerState(row));
  }

  /**
   * Inserts unless a unique key (credit code, enterprise name, individual phone) is taken; a
   * racing creator's row is waited for, so false means "it exists now", never "it might".
   */
  async insert(customer: Customer): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO customer.customers (${COLUMN_LIST}) VALUES (${PLACEHOLDERS}) ON CONFLICT DO NOTHING`,
      toCustomerValues(customer.snapshot()),
    );
    if (result.rowCount === 1) this.uow.track(customer);
    return result.rowCount === 1;
  }

  /** Optimistic write: false when someone else saved a newer version first. */
  async update(customer: Customer, expectedVersion: number): Promise<boolean> {
    const state = customer.snapshot();
    const byColumn = new Map(COLUMNS.map((column, index) => [column, toCustomerValues(state)[index]]));
    const params = new SqlParams();
    const assignments = UPDATABLE.map((column) => `${column} = ${params.add(byColumn.get(column))}`);
    const result = await this.tx.execute(
      `UPDATE customer.customers SET ${assignments.join(', ')}, version = ${params.add(state.version)}
        WHERE id = ${params.add(state.id)} AND version = ${params.add(expectedVersion)}`,
      params.values,
    );
    if (result.rowCount === 1) this.uow.track(customer);
    return result.rowCount === 1;
  }

  /**
   * Saves a follow-up and moves the customer's clock. Commutative (GREATEST), so concurrent
   * follow-ups never conflict; the version still moves so cached ETags go stale.
   */
  async addFollowUp(customer: Customer, followUp: FollowUp): Promise<void> {
    await this.tx.query(
      `INSERT INTO customer.follow_ups (id, customer_id, author_id, channel, content, occurred_at, next_followup_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [followUp.id, followUp.customerId, followUp.authorId, followUp.channel, followUp.content, followUp.occurredAt, followUp.nextFollowUpAt],
    );
    await this.tx.query(
      `UPDATE customer.customers
          SET last_followup_at = GREATEST(last_followup_at, $2), updated_at = now(), version = version + 1
        WHERE id = $1`,
      [followUp.customerId, followUp.occurredAt],
    );
    this.uow.track(customer);
  }

  /**
   * The read copy of who holds customers, from the Pool context's events: one statement for many.
   * Not a profile edit, so the version (If-Match) is left alone: profile updates never write these columns.
   */
  async setHolders(holders: readonly { customerId: string; ownerId: string | null; coHolderIds: string[] }[]): Promise<number> {
    if (holders.length === 0) return 0;
    const { sql, params } = this.setHoldersStatement(holders);
    return (await this.tx.execute(sql, params)).rowCount;
  }

  /** `setHolders` as a statement, for the events' recorder to send with the events that changed the holders. */
  setHoldersStatement(holders: readonly { customerId: string; ownerId: string | null; coHolderIds: string[] }[]): SqlStatement {
    return {
      sql: `UPDATE customer.customers c
          SET owner_id = h.owner_id,
              co_holder_ids = h.co_holder_ids,
              status = CASE WHEN h.owner_id IS NOT NULL THEN 'protected'
                            WHEN cardinality(h.co_holder_ids) > 0 THEN 'partially-protected'
                            ELSE 'in-pool' END
         FROM (SELECT id, owner_id, ARRAY(SELECT jsonb_array_elements_text(co_holders)::uuid) AS co_holder_ids
                 FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS u(id, owner_id, co_holders)) h
        WHERE c.id = h.id`,
      params: [
        holders.map((holder) => holder.customerId),
        holders.map((holder) => holder.ownerId),
        holders.map((holder) => JSON.stringify(holder.coHolderIds)),
      ],
    };
  }

  /** Exact duplicates: same credit code, same normalised enterprise name, same individual phone. */
  async findExactDuplicates(keys: DuplicateKeys, callerId: string): Promise<DuplicateCandidate[]> {
    const rows = await this.tx.query<{ id: string; name: string; owner_id: string | null; matched_on: DuplicateCandidate['matchedOn'] }>(
      `SELECT id, name, owner_id,
              CASE WHEN credit_code = $2 THEN 'credit-code'
                   WHEN kind = 'enterprise' AND normalized_name = $3 THEN 'name'
                   ELSE 'phone' END AS matched_on
         FROM customer.customers
        WHERE ($1::uuid IS NULL OR id <> $1::uuid)
          AND ((credit_code = $2)
            OR ($5 = 'enterprise' AND kind = 'enterprise' AND normalized_name = $3)
            OR ($5 = 'individual' AND kind = 'individual' AND normalized_phone = $4))
        LIMIT 10`,
      [keys.excludeId ?? null, keys.creditCode, keys.normalizedName, keys.normalizedPhone, keys.kind],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      matchedOn: row.matched_on,
      similarity: 1,
      heldBy: heldBy(row.owner_id, callerId),
    }));
  }

  /**
   * Likely duplicates by trigram similarity of the normalised name, or the probe appearing inside
   * a longer name (word similarity); both operators use the trigram index.
   */
  async findSimilarNames(normalizedName: string, callerId: string, limit: number): Promise<DuplicateCandidate[]> {
    if ([...normalizedName].length < 3) return [];
    const rows = await this.tx.query<{ id: string; name: string; owner_id: string | null; similarity: number }>(
      `SELECT id, name, owner_id, similarity
         FROM (SELECT id, name, owner_id,
                      GREATEST(similarity(normalized_name, $1), word_similarity($1, normalized_name)) AS similarity
                 FROM customer.customers
                WHERE normalized_name % $1 OR $1 <% normalized_name) candidates
        WHERE similarity >= $2
        ORDER BY similarity DESC, id
        LIMIT $3`,
      [normalizedName, SIMILAR_NAME_THRESHOLD, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      matchedOn: row.similarity >= 0.999 ? 'name' : 'similar-name',
      similarity: Math.round(Number(row.similarity) * 100) / 100,
      heldBy: heldBy(row.owner_id, callerId),
    }));
  }

  /** True when `candidateParentId` is `customerId` itself or one of its subsidiaries. */
  async wouldCreateCycle(customerId: string, candidateParentId: string): Promise<boolean> {
    const row = await this.tx.queryOne<{ found: boolean }>(
      `WITH RECURSIVE ancestors(id, depth) AS (
         SELECT id, 0 FROM customer.customers WHERE id = $2
         UNION ALL
         SELECT c.parent_id, a.depth + 1 FROM customer.customers c JOIN ancestors a ON c.id = a.id
          WHERE c.parent_id IS NOT NULL AND a.depth < 100
       )
       SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = $1) AS found`,
      [customerId, candidateParentId],
    );
    return row?.found ?? false;
  }

  /**
   * The rules in force. With `forWrite`, a share lock on the policy row keeps a concurrent
   * replacement from slipping between reading the rules and saving a grade computed from them.
   */
  async loadGradePolicy(options: { forWrite?: boolean } = {}): Promise<GradePolicy & { version: number }> {
    if (options.forWrite) await this.tx.query(`SELECT 1 FROM customer.grade_policy WHERE id = 1 FOR SHARE`);
    const row = await this.tx.queryOne<{ default_grade: string; version: number; rules: GradeRule[] }>(
      `SELECT p.default_grade, p.version,
              COALESCE(json_agg(json_build_object('type', r.customer_type, 'size', r.size, 'grade', r.grade)
                                ORDER BY r.customer_type NULLS LAST, r.size NULLS LAST)
                       FILTER (WHERE r.grade IS NOT NULL), '[]') AS rules
         FROM customer.grade_policy p LEFT JOIN customer.grade_rules r ON TRUE
        WHERE p.id = 1
        GROUP BY p.default_grade, p.version`,
    );
    return { defaultGrade: row?.default_grade ?? 'C', version: row?.version ?? 1, rules: row?.rules ?? [] };
  }

  /** Replaces the rules (optimistically) and re-grades every customer in one set-based statement. */
  async replaceGradePolicy(policy: GradePolicy, expectedVersion: number | undefined): Promise<{ version: number; regraded: number } | null> {
    const bumped = await this.tx.execute<{ version: number }>(
      `UPDATE customer.grade_policy SET default_grade = $1, version = version + 1, updated_at = now()
        WHERE id = 1 AND ($2::int IS NULL OR version = $2) RETURNING version`,
      [policy.defaultGrade, expectedVersion ?? null],
    );
    if (bumped.rowCount === 0) return null;
    await this.tx.query(`DELETE FROM customer.grade_rules`);
    if (policy.rules.length > 0) {
      await this.tx.query(
        `INSERT INTO customer.grade_rules (customer_type, size, grade)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
        [policy.rules.map((rule) => rule.type), policy.rules.map((rule) => rule.size), policy.rules.map((rule) => rule.grade)],
      );
    }
    // Same precedence as deriveGrade: type+size, then type, then size, then the default.
    const regraded = await this.tx.execute(
      `UPDATE customer.customers c
          SET grade = g.grade, version = c.version + 1, updated_at = now()
         FROM (
           SELECT c2.id, COALESCE((
             SELECT r.grade FROM customer.grade_rules r
              WHERE (r.customer_type = c2.type OR r.customer_type IS NULL)
                AND (r.size = c2.size OR r.size IS NULL)
              ORDER BY (r.customer_type IS NOT NULL) DESC, (r.size IS NOT NULL) DESC
              LIMIT 1), $1) AS grade
             FROM customer.customers c2
         ) g
        WHERE g.id = c.id AND g.grade IS DISTINCT FROM c.grade`,
      [policy.defaultGrade],
    );
    return { version: bumped.rows[0]!.version, regraded: regraded.rowCount };
  }
}

function heldBy(ownerId: string | null, callerId: string): DuplicateCandidate['heldBy'] {
  if (ownerId === null) return 'nobody';
  return ownerId === callerId ? 'you' : 'someone-else';
}
