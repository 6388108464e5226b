import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, TransactionHost, type AppConfig } from '@crm/platform';

/** What assignment reads and writes besides the lead: cursors, loads, claims, recycles. SQL in the caller's transaction. */
@Injectable()
export class AssignmentStore {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Locks the pool's assignment row until commit and answers its round-robin cursors: every
   * automatic assignment and claim in one pool takes turns here, so the cursor never hands out the
   * same turn twice and loads counted after it are exact (also across processes).
   */
  async lockPool(poolId: string): Promise<Record<string, string>> {
    const lock = () =>
      this.tx.queryOne<{ cursors: Record<string, string> }>(`SELECT cursors FROM lead.assignment_cursors WHERE pool_id = $1 FOR UPDATE`, [poolId]);
    // One statement once the pool has its row (every turn but its first).
    const row = await lock();
    if (row) return row.cursors;
    await this.tx.query(`INSERT INTO lead.assignment_cursors (pool_id) VALUES ($1) ON CONFLICT DO NOTHING`, [poolId]);
    return (await lock())?.cursors ?? {};
  }

  /** The pool's round-robin cursors as they stand, without taking its turn (for a dry run). */
  async cursorsOf(poolId: string): Promise<Record<string, string>> {
    const row = await this.tx.queryOne<{ cursors: Record<string, string> }>(`SELECT cursors FROM lead.assignment_cursors WHERE pool_id = $1`, [poolId]);
    return row?.cursors ?? {};
  }

  /**
   * Leads given to each person in the pool from `from` to `to` (days in the company's time zone, both included),
   * by how: automatically, by an admin, or claimed [分配统计]. Recycles are not gains.
   */
  async assignedInPeriod(poolId: string, from: string, to: string): Promise<Map<string, { auto: number; manual: number; claim: number }>> {
    const rows = await this.tx.query<{ owner_id: string; auto: number; manual: number; claim: number }>(
      `SELECT owner_id, count(*) FILTER (WHERE how = 'auto')::int AS auto, count(*) FILTER (WHERE how = 'manual')::int AS manual,
              count(*) FILTER (WHERE how = 'claim')::int AS claim
         FROM lead.assignments
        WHERE pool_id = $1 AND how <> 'recycle' AND owner_id IS NOT NULL
          AND at >= ($2::date)::timestamp AT TIME ZONE $4 AND at < ($3::date + 1)::timestamp AT TIME ZONE $4
        GROUP BY owner_id`,
      [poolId, from, to, this.config.timeZone],
    );
    return new Map(rows.map((row) => [row.owner_id, { auto: row.auto, manual: row.manual, claim: row.claim }]));
  }

  /** Moves the pool's round-robin cursors (by key) in one statement, the other keys left as they are. */
  async saveCursors(poolId: string, cursors: Readonly<Record<string, string>>): Promise<void> {
    if (Object.keys(cursors).length === 0) return;
    await this.tx.query(`UPDATE lead.assignment_cursors SET cursors = cursors || $2::jsonb, updated_at = now() WHERE pool_id = $1`, [
      poolId,
      JSON.stringify(cursors),
    ]);
  }

  /** Open leads each person holds in the pool. */
  async openLoads(poolId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.tx.query<{ owner_id: string; load: number }>(
      `SELECT owner_id, count(*)::int AS load FROM lead.leads WHERE pool_id = $1 AND status = 'open' AND owner_id = ANY($2::uuid[]) GROUP BY owner_id`,
      [poolId, [...new Set(userIds)]],
    );
    return new Map(rows.map((row) => [row.owner_id, row.load]));
  }

  /** Leads the person claimed from the pool since midnight [自然日] in the company's time zone (CRM_TIMEZONE). */
  async claimsToday(poolId: string, userId: string): Promise<number> {
    const row = await this.tx.queryOne<{ n: number }>(
      `SELECT count(*)::int AS n FROM lead.assignments WHERE how = 'claim' AND pool_id = $1 AND owner_id = $2
          AND at >= date_trunc('day', now() AT TIME ZONE $3) AT TIME ZONE $3`,
      [poolId, userId, this.config.timeZone],
    );
    return row?.n ?? 0;
  }

  /** When the lead was last recycled away from this person, if ever. */
  async lastRecycledFrom(leadId: string, userId: string): Promise<Date | undefined> {
    const row = await this.tx.queryOne<{ at: Date }>(
      `SELECT max(at) AS at FROM lead.assignments WHERE lead_id = $1 AND how = 'recycle' AND previous_owner_id = $2`,
      [leadId, userId],
    );
    return row?.at ? new Date(row.at) : undefined;
  }
}
