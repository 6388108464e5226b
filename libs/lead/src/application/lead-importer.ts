import type { Readable } from 'node:stream';
import { hostname } from 'node:os';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { csvRows, UnitOfWork, xlsxRows, type FileRow } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { columnsOf, parseRow } from '../domain/lead-import.js';
import { LeadScoringRules } from '../domain/scoring-rules.port.js';
import { collectGarbage } from '../infrastructure/heap-collector.js';
import { ImportStore, type ImportRecord, type RowOutcome } from '../infrastructure/import-store.js';
import { LeadPoolRepository, type LeadPoolRecord } from '../infrastructure/lead-pool.repository.js';
import { CaptureBatch } from './capture-batch.js';
import { LeadImportFiles } from './lead-import-files.js';

/** Rows per transaction: small enough to keep locks and memory short, large enough for set-based statements. */
export const IMPORT_BATCH = 500;

/**
 * How long an import's lease lasts without news from its process: renewed with every batch (a
 * batch of 500 takes a second or two), so only a process that died, hangs or lost its database
 * lets it run out; then another process's scheduled job takes the import up.
 */
export const IMPORT_LEASE_SECONDS = 120;

/** The import's upload in file storage, where every process reads it. */
export const importFileKey = (importId: string) => `lead-imports/${importId}`;

/** The process lost the import's lease to another one: stop without touching the import. */
class LeaseLost extends Error {}

/** Rows between two full collections of the heap (see `collectGarbage`): memory stays flat whatever the file's length. */
const ROWS_PER_COLLECTION = 5000;

/**
 * Runs an import [线索导入] after its upload committed: the file is streamed row by row from file
 * storage and taken in batches of 500, each its own transaction. In a batch, rows are checked,
 * matched against open leads in one statement (and against the batch's earlier rows), new leads
 * are scored, assigned by the pool's rules and stored in one statement, duplicates merge as
 * activities like any capture (LEAD-2; `CaptureBatch`, shared with web forms), and every row gets its outcome in the report. Memory holds
 * one batch, and the heap is collected every 5,000 rows so what finished batches left behind never
 * piles up.
 *
 * The process running an import holds its lease, renewed in each batch's transaction; a batch
 * commits its leads, its report lines and the renewal together or not at all, so the report's last
 * row is exactly where the leads stop. A process that dies leaves the lease to run out; then
 * `ResumeLeadImportsJob` in any process takes it and goes on after the last reported row.
 */
@Injectable()
export class LeadImporter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LeadImporter');
  /** Who holds a lease: this process (and this application, when one process runs several). */
  readonly holder = `${hostname()}:${process.pid}:${uuidv7()}`;
  /** Imports this process is running now. */
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly pools: LeadPoolRepository,
    private readonly rules: LeadScoringRules,
    private readonly store: ImportStore,
    private readonly uow: UnitOfWork,
    private readonly batches: CaptureBatch,
    private readonly files: LeadImportFiles,
  ) {}

  /** Takes the import's lease and processes it (see `process`); nothing when another process holds it. */
  async run(importId: string, options: { stopAfterBatches?: number } = {}): Promise<void> {
    try {
      if (this.stopping || !(await this.store.claim(importId, this.holder, IMPORT_LEASE_SECONDS))) return;
    } catch (error) {
      // Not started (the database is out of reach): the job of some process starts it later.
      this.logger.warn(`Import ${importId} not started: ${(error as Error).message}`);
      return;
    }
    await this.process(importId, options);
  }

  /** False once the application is stopping: no new import should be taken. */
  get accepting(): boolean {
    return !this.stopping;
  }

  /**
   * A process that stops (a deploy, a scale-down) lets each running import finish the batch in
   * hand and hands it back (lease released, still processing): the next job in another process
   * takes it at once instead of waiting for the lease to run out.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  /**
   * Processes an import whose lease this process holds, after its last reported row, to the end;
   * the import says how it went (completed, or failed with why) and its file is removed. Stops
   * without touching either when the lease was lost. `stopAfterBatches` ends the run after that
   * many batches, leaving the import processing and leased, as a process that dies there would.
   */
  async process(importId: string, options: { stopAfterBatches?: number } = {}): Promise<void> {
    const processing = this.processLeased(importId, options);
    this.running.add(processing);
    try {
      await processing;
    } finally {
      this.running.delete(processing);
    }
  }

  private async processLeased(importId: string, options: { stopAfterBatches?: number }): Promise<void> {
    let batches = 0;
    let file: Readable | undefined;
    try {
      const record = (await this.store.find(importId))!;
      const resumeAfter = await this.store.lastRow(importId);
      file = await this.files.read(importFileKey(importId));
      const rows: AsyncGenerator<FileRow> = record.format === 'csv' ? csvRows(file) : xlsxRows(file);
      let columns: ReturnType<typeof columnsOf> | undefined;
      let batch: FileRow[] = [];
      let sinceCollection = 0;
      const write = async (taken: readonly FileRow[]) => {
        if (batches === options.stopAfterBatches) return false;
        if (this.stopping) {
          await this.store.release(importId, this.holder);
          return false;
        }
        await this.uow.run(async () => {
          if (!(await this.store.renew(importId, this.holder, IMPORT_LEASE_SECONDS))) throw new LeaseLost();
          await this.batch(record, columns!, taken);
        });
        batches++;
        return true;
      };
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
          if (!(await write(taken))) return;
          sinceCollection += taken.length;
          if (sinceCollection >= ROWS_PER_COLLECTION) {
            sinceCollection = 0;
            collectGarbage();
          }
        }
      }
      if (batch.length > 0 && !(await write(batch))) return;
      if (!columns) columnsOf([]);
      if (await this.store.finish(importId, this.holder, 'completed')) await this.removeFile(importId);
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.logger.warn(`Import ${importId}: another process took it over`);
        return;
      }
      this.logger.warn(`Import ${importId} failed: ${(error as Error).message}`);
      const code = (error as { code?: string }).code;
      const failed = await this.store
        .finish(importId, this.holder, 'failed', code?.startsWith('LEAD_IMPORT.') ? code : 'LEAD_IMPORT.FAILED')
        .catch(() => false);
      if (failed) await this.removeFile(importId);
    } finally {
      file?.destroy();
    }
  }

  private async removeFile(importId: string): Promise<void> {
    await this.files.remove(importFileKey(importId)).catch((error: Error) => this.logger.warn(`Import ${importId}: file not removed: ${error.message}`));
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
