import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';

export type ContractImportStatus = 'queued' | 'processing' | 'completed' | 'failed';
export type ContractImportRowStatus = 'created' | 'rejected' | 'skipped';

export interface ContractImportRecord {
  id: string;
  fileName: string;
  fileHash: string;
  format: 'csv' | 'xlsx';
  status: ContractImportStatus;
  rowsRead: number;
  created: number;
  rejected: number;
  skipped: number;
  error: string | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ContractImportRow {
  rowNumber: number;
  status: ContractImportRowStatus;
  contractId: string | null;
  contractNumber: string | null;
  errorCode: string | null;
  errorField: string | null;
}

const COLUMNS = `id, file_name AS "fileName", file_hash AS "fileHash", format, status, rows_read AS "rowsRead", created, rejected, skipped,
  error, created_by AS "createdBy", created_at AS "createdAt", finished_at AS "finishedAt"`;

/** Contract imports [合同导入] and their per-row reports; SQL in the caller's transaction (or on its own). */
@Injectable()
export class ContractImportStore {
  constructor(private readonly tx: TransactionHost) {}

  /** A new import, the failed one of the same file taken up again, or the existing one (`existing: true`). */
  async open(record: Pick<ContractImportRecord, 'id' | 'fileName' | 'fileHash' | 'format' | 'createdBy'>): Promise<{ id: string; existing: boolean }> {
    const inserted = await this.tx.queryOne<{ id: string }>(
      `INSERT INTO contract.imports (id, file_name, file_hash, format, status, created_by) VALUES ($1, $2, $3, $4, 'queued', $5)
       ON CONFLICT (created_by, file_hash) DO NOTHING RETURNING id`,
      [record.id, record.fileName, record.fileHash, record.format, record.createdBy],
    );
    if (inserted) return { id: inserted.id, existing: false };
    const retried = await this.tx.queryOne<{ id: string }>(
      `UPDATE contract.imports SET status = 'queued', error = NULL, finished_at = NULL, updated_at = now()
        WHERE created_by = $1 AND file_hash = $2 AND status = 'failed' RETURNING id`,
      [record.createdBy, record.fileHash],
    );
    if (retried) return { id: retried.id, existing: false };
    const existing = await this.tx.queryOne<{ id: string }>(`SELECT id FROM contract.imports WHERE created_by = $1 AND file_hash = $2`, [
      record.createdBy,
      record.fileHash,
    ]);
    return { id: existing!.id, existing: true };
  }

  find(id: string): Promise<ContractImportRecord | undefined> {
    return this.tx.queryOne<ContractImportRecord>(`SELECT ${COLUMNS} FROM contract.imports WHERE id = $1`, [id]);
  }

  /** Imports whose creator is one of `creators` (null: anyone's), newest first (ids are time-ordered), before a cursor id. */
  list(creators: readonly string[] | null, beforeId: string | null, limit: number): Promise<ContractImportRecord[]> {
    return this.tx.query<ContractImportRecord>(
      `SELECT ${COLUMNS} FROM contract.imports
        WHERE ($1::uuid[] IS NULL OR created_by = ANY($1::uuid[])) AND ($2::uuid IS NULL OR id < $2::uuid)
        ORDER BY id DESC LIMIT $3`,
      [creators, beforeId, limit],
    );
  }

  async setStatus(id: string, status: ContractImportStatus, error: string | null = null): Promise<void> {
    await this.tx.query(
      `UPDATE contract.imports SET status = $2, error = $3, finished_at = CASE WHEN $2 IN ('completed', 'failed') THEN now() END, updated_at = now()
        WHERE id = $1`,
      [id, status, error],
    );
  }

  /** The report lines of a batch and the counters, in the batch's transaction. */
  async record(id: string, rows: readonly ContractImportRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx.query(
      `INSERT INTO contract.import_rows (import_id, row_number, status, contract_id, contract_number, error_code, error_field)
       SELECT $1, r.row_number, r.status, r.contract_id, r.contract_number, r.error_code, r.error_field
         FROM jsonb_to_recordset($2::jsonb) AS r(row_number integer, status text, contract_id uuid, contract_number text, error_code text, error_field text)
       ON CONFLICT DO NOTHING`,
      [
        id,
        JSON.stringify(
          rows.map((r) => ({
            row_number: r.rowNumber,
            status: r.status,
            contract_id: r.contractId,
            contract_number: r.contractNumber,
            error_code: r.errorCode,
            error_field: r.errorField,
          })),
        ),
      ],
    );
    const count = (status: ContractImportRowStatus) => rows.filter((r) => r.status === status).length;
    await this.tx.query(
      `UPDATE contract.imports SET rows_read = rows_read + $2, created = created + $3, rejected = rejected + $4, skipped = skipped + $5, updated_at = now()
        WHERE id = $1`,
      [id, rows.length, count('created'), count('rejected'), count('skipped')],
    );
  }

  /** The last row already reported (0 when none): a resumed import goes on after it. */
  async lastRow(id: string): Promise<number> {
    const row = await this.tx.queryOne<{ n: number | null }>(`SELECT max(row_number) AS n FROM contract.import_rows WHERE import_id = $1`, [id]);
    return row?.n ?? 0;
  }

  rows(id: string, status: ContractImportRowStatus | undefined, afterRow: number, limit: number): Promise<ContractImportRow[]> {
    return this.tx.query<ContractImportRow>(
      `SELECT row_number AS "rowNumber", status, contract_id AS "contractId", contract_number AS "contractNumber",
              error_code AS "errorCode", error_field AS "errorField"
         FROM contract.import_rows WHERE import_id = $1 AND ($2::text IS NULL OR status = $2) AND row_number > $3
        ORDER BY row_number LIMIT $4`,
      [id, status ?? null, afterRow, limit],
    );
  }

  /** Which of these numbers are taken already. */
  async takenNumbers(numbers: readonly string[]): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const rows = await this.tx.query<{ number: string }>(`SELECT number FROM contract.contracts WHERE number = ANY($1::text[])`, [numbers]);
    return new Set(rows.map((row) => row.number));
  }
}
