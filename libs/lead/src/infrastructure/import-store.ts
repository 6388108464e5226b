import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';

export type ImportStatus = 'queued' | 'processing' | 'completed' | 'failed';
export type RowStatus = 'created' | 'merged' | 'rejected';

export interface ImportRecord {
  id: string;
  poolId: string;
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  channel: string | null;
  campaign: string | null;
  status: ImportStatus;
  rowsRead: number;
  created: number;
  merged: number;
  rejected: number;
  error: string | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  updatedAt: Date;
}

export interface RowOutcome {
  rowNumber: number;
  status: RowStatus;
  leadId: string | null;
  errorCode: string | null;
  errorField: string | null;
}

const COLUMNS = `id, pool_id AS "poolId", file_name AS "fileName", file_hash AS "fileHash", format, channel, campaign, status,
  rows_read AS "rowsRead", created, merged, rejected, error, created_by AS "createdBy", created_at AS "createdAt",
  finished_at AS "finishedAt", updated_at AS "updatedAt"`;

/** Imports and their per-row report [导入报告]; SQL in the caller's transaction (or on its own). */
@Injectable()
export class ImportStore {
  constructor(private readonly tx: TransactionHost) {}

  /** A new import, or the existing one for the same file and pool (`existing: true`). */
  async open(
    record: Pick<ImportRecord, 'id' | 'poolId' | 'fileName' | 'fileHash' | 'format' | 'channel' | 'campaign' | 'createdBy'>,
  ): Promise<{ id: string; existing: boolean }> {
    const inserted = await this.tx.queryOne<{ id: string }>(
      `INSERT INTO lead.imports (id, pool_id, file_name, file_hash, format, channel, campaign, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8) ON CONFLICT (pool_id, file_hash) DO NOTHING RETURNING id`,
      [record.id, record.poolId, record.fileName, record.fileHash, record.format, record.channel, record.campaign, record.createdBy],
    );
    if (inserted) return { id: inserted.id, existing: false };
    // A failed import of this file is taken up again where it stopped (its rows so far stand).
    const retried = await this.tx.queryOne<{ id: string }>(
      `UPDATE lead.imports SET status = 'queued', error = NULL, finished_at = NULL, locked_by = NULL, lease_until = NULL, updated_at = now()
        WHERE pool_id = $1 AND file_hash = $2 AND status = 'failed' RETURNING id`,
      [record.poolId, record.fileHash],
    );
    if (retried) return { id: retried.id, existing: false };
    const existing = await this.tx.queryOne<{ id: string }>(`SELECT id FROM lead.imports WHERE pool_id = $1 AND file_hash = $2`, [
      record.poolId,
      record.fileHash,
    ]);
    return { id: existing!.id, existing: true };
  }

  find(id: string): Promise<ImportRecord | undefined> {
    return this.tx.queryOne<ImportRecord>(`SELECT ${COLUMNS} FROM lead.imports WHERE id = $1`, [id]);
  }

  /**
   * Takes the lease on a queued or processing import nobody holds (never leased, or its lease ran
   * out) for `leaseSeconds`; answers whether it was taken. The row is locked while checked, so of
   * two processes asking at once one gets it.
   */
  async claim(id: string, holder: string, leaseSeconds: number): Promise<boolean> {
    const taken = await this.tx.queryOne<{ id: string }>(
      `UPDATE lead.imports SET status = 'processing', locked_by = $2, lease_until = clock_timestamp() + make_interval(secs => $3), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'processing') AND (lease_until IS NULL OR lease_until < clock_timestamp())
        RETURNING id`,
      [id, holder, leaseSeconds],
    );
    return taken !== undefined;
  }

  /**
   * Takes the lease on the oldest queued or processing import whose lease ran out (or that never
   * had one), skipping those another process is taking right now (SKIP LOCKED); its id, or none.
   */
  async claimAbandoned(holder: string, leaseSeconds: number): Promise<string | undefined> {
    const taken = await this.tx.queryOne<{ id: string }>(
      `UPDATE lead.imports SET status = 'processing', locked_by = $1, lease_until = clock_timestamp() + make_interval(secs => $2), updated_at = now()
        WHERE id = (SELECT id FROM lead.imports
                     WHERE status IN ('queued', 'processing') AND (lease_until IS NULL OR lease_until < clock_timestamp())
                     ORDER BY lease_until NULLS FIRST, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [holder, leaseSeconds],
    );
    return taken?.id;
  }

  /**
   * Renews the lease in a batch's transaction, which keeps the import's row locked until the batch
   * commits: false when `holder` lost the lease (it ran out and another process took the import),
   * and the batch must not be written. So only the lease holder's batches ever commit.
   */
  async renew(id: string, holder: string, leaseSeconds: number): Promise<boolean> {
    const renewed = await this.tx.queryOne<{ id: string }>(
      `UPDATE lead.imports SET lease_until = clock_timestamp() + make_interval(secs => $3), updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND status = 'processing' RETURNING id`,
      [id, holder, leaseSeconds],
    );
    return renewed !== undefined;
  }

  /** Hands the import back (still processing, nobody's) when `holder` holds it: the next job anywhere takes it. */
  async release(id: string, holder: string): Promise<void> {
    await this.tx.query(
      `UPDATE lead.imports SET locked_by = NULL, lease_until = NULL, updated_at = now() WHERE id = $1 AND locked_by = $2 AND status = 'processing'`,
      [id, holder],
    );
  }

  /** Ends the import (completed, or failed with why) and its lease, if `holder` still holds it; answers whether it did. */
  async finish(id: string, holder: string, status: 'completed' | 'failed', error: string | null = null): Promise<boolean> {
    const finished = await this.tx.queryOne<{ id: string }>(
      `UPDATE lead.imports SET status = $3, error = $4, finished_at = now(), locked_by = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND locked_by = $2 AND status = 'processing' RETURNING id`,
      [id, holder, status, error],
    );
    return finished !== undefined;
  }

  /** The report lines of a batch and the counters, in the batch's transaction. */
  async record(id: string, outcomes: readonly RowOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.tx.query(
      `INSERT INTO lead.import_rows (import_id, row_number, status, lead_id, error_code, error_field)
       SELECT $1, r.row_number, r.status, r.lead_id, r.error_code, r.error_field
         FROM jsonb_to_recordset($2::jsonb) AS r(row_number integer, status text, lead_id uuid, error_code text, error_field text)
       ON CONFLICT DO NOTHING`,
      [
        id,
        JSON.stringify(
          outcomes.map((o) => ({ row_number: o.rowNumber, status: o.status, lead_id: o.leadId, error_code: o.errorCode, error_field: o.errorField })),
        ),
      ],
    );
    const count = (status: RowStatus) => outcomes.filter((o) => o.status === status).length;
    await this.tx.query(
      `UPDATE lead.imports SET rows_read = rows_read + $2, created = created + $3, merged = merged + $4, rejected = rejected + $5, updated_at = now() WHERE id = $1`,
      [id, outcomes.length, count('created'), count('merged'), count('rejected')],
    );
  }

  /**
   * Imports newest first, after the keyset cursor `beforeId` (uuid v7: time order): those the
   * caller started, and (unless `everything`) those into pools under any of `managedPoolIds`.
   */
  list(callerId: string, managedPoolIds: readonly string[] | 'all', beforeId: string | null, limit: number): Promise<ImportRecord[]> {
    return this.tx.query<ImportRecord>(
      `SELECT ${COLUMNS} FROM lead.imports i
        WHERE ($3::uuid IS NULL OR i.id < $3)
          AND (i.created_by = $1 OR $2::boolean OR EXISTS (SELECT 1 FROM lead.pools p WHERE p.id = i.pool_id AND p.path && $4::uuid[]))
        ORDER BY i.id DESC LIMIT $5`,
      [callerId, managedPoolIds === 'all', beforeId, managedPoolIds === 'all' ? [] : managedPoolIds, limit],
    );
  }

  /** The last row already reported (0 when none): a resumed import goes on after it. */
  async lastRow(id: string): Promise<number> {
    const row = await this.tx.queryOne<{ n: number | null }>(`SELECT max(row_number) AS n FROM lead.import_rows WHERE import_id = $1`, [id]);
    return row?.n ?? 0;
  }

  /** Rows after `afterRow`, in file order, optionally of one status. */
  rows(id: string, status: RowStatus | undefined, afterRow: number, limit: number): Promise<RowOutcome[]> {
    return this.tx.query<RowOutcome>(
      `SELECT row_number AS "rowNumber", status, lead_id AS "leadId", error_code AS "errorCode", error_field AS "errorField"
         FROM lead.import_rows WHERE import_id = $1 AND ($2::text IS NULL OR status = $2) AND row_number > $3
        ORDER BY row_number LIMIT $4`,
      [id, status ?? null, afterRow, limit],
    );
  }
}
