import { rm } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { csvRows, UnitOfWork, xlsxRows, type FileRow } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { columnsOf, parseRow } from '../domain/lead-import.js';
import { LeadScoringRules } from '../domain/scoring-rules.port.js';
import { collectGarbage } from '../infrastructure/heap-collector.js';
import { ImportStore, type ImportRecord, type RowOutcome } from '../infrastructure/import-store.js';
import { LeadPoolRepository, type LeadPoolRecord } from '../infrastructure/lead-pool.repository.js';
import { CaptureBatch } from './capture-batch.js';

/** Rows per transaction: small enough to keep locks and memory short, large enough for set-based statements. */
export const IMPORT_BATCH = 500;

/** Rows between two full collections of the heap (see `collectGarbage`): memory stays flat whatever the file's length. */
const ROWS_PER_COLLECTION = 5000;

/**
 * Runs an import [线索导入] after its upload committed: the file is streamed row by row and taken
 * in batches of 500, each its own transaction. In a batch, rows are checked, matched against open
 * leads in one statement (and against the batch's earlier rows), new leads are scored, assigned
 * by the pool's rules and stored in one statement, duplicates merge as activities like any
 * capture (LEAD-2; `CaptureBatch`, shared with web forms), and every row gets its outcome in the report. Memory holds one batch, and
 * the heap is collected every 5,000 rows so what finished batches left behind never piles up.
 */
@Injectable()
export class LeadImporter {
  private readonly logger = new Logger('LeadImporter');

  constructor(
    private readonly pools: LeadPoolRepository,
    private readonly rules: LeadScoringRules,
    private readonly store: ImportStore,
    private readonly uow: UnitOfWork,
    private readonly batches: CaptureBatch,
  ) {}

  /** Processes the file to the end; the import says how it went (completed or failed with why). The file is removed after. */
  async run(importId: string, filePath: string): Promise<void> {
    try {
      const record = (await this.store.find(importId))!;
      await this.store.setStatus(importId, 'processing');
      const resumeAfter = await this.store.lastRow(importId);
      const rows: AsyncGenerator<FileRow> = record.format === 'csv' ? csvRows(filePath) : xlsxRows(filePath);
      let columns: ReturnType<typeof columnsOf> | undefined;
      let batch: FileRow[] = [];
      let sinceCollection = 0;
      for await (const row of rows) {
        if (!columns) {
          columns = columnsOf(row.cells.map((cell) => String(cell ?? '')));
          continue;
        }
        if (row.number <= resumeAfter) continue;
        batch.push(row);
        if (batch.length >= IMPORT_BATCH) {
          const taken = batch;
          batch = [];
          await this.uow.run(() => this.batch(record, columns!, taken));
          sinceCollection += taken.length;
          if (sinceCollection >= ROWS_PER_COLLECTION) {
            sinceCollection = 0;
            collectGarbage();
          }
        }
      }
      if (batch.length > 0) await this.uow.run(() => this.batch(record, columns!, batch));
      if (!columns) columnsOf([]);
      await this.store.setStatus(importId, 'completed');
    } catch (error) {
      this.logger.warn(`Import ${importId} failed: ${(error as Error).message}`);
      const code = (error as { code?: string }).code;
      await this.store.setStatus(importId, 'failed', code?.startsWith('LEAD_IMPORT.') ? code : 'LEAD_IMPORT.FAILED').catch(() => undefined);
    } finally {
      await rm(filePath, { force: true }).catch(() => undefined);
    }
  }

  private async batch(record: ImportRecord, columns: ReturnType<typeof columnsOf>, rows: readonly FileRow[]): Promise<void> {
    const now = new Date();
    const by = record.createdBy;
    const rules = await this.rules.current();
    const pool = (await this.pools.find(record.poolId)) as LeadPoolRecord;
    const parsed = rows.map((row) => ({ row, parsed: parseRow(row.cells, columns, { channel: record.channel, campaign: record.campaign }) }));
    const valid = parsed.flatMap(({ row, parsed: p }) =>
      p.ok ? [{ row, item: { id: uuidv7(), profile: p.profile, keys: p.keys, capturedAt: p.capturedAt } }] : [],
    );
    const captured = await this.batches.capture(
      valid.map(({ item }) => item),
      { pool, rules, by, now },
    );
    const byRow = new Map(valid.map(({ row }, position) => [row.number, captured[position]!]));
    const outcomes: RowOutcome[] = parsed.map(({ row, parsed: p }) => {
      if (!p.ok) return { rowNumber: row.number, status: 'rejected', leadId: null, errorCode: p.problem.code, errorField: p.problem.field };
      const outcome = byRow.get(row.number)!;
      return outcome.status === 'rejected'
        ? { rowNumber: row.number, status: 'rejected', leadId: null, errorCode: outcome.code, errorField: null }
        : { rowNumber: row.number, status: outcome.status, leadId: outcome.leadId, errorCode: null, errorField: null };
    });
    await this.store.record(record.id, outcomes);
  }
}
