import type { Readable } from 'node:stream';
import { hostname } from 'node:os';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { csvRows, UnitOfWork, xlsxRows, type FileRow } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Lead } from '../domain/lead.aggregate.js';
import { columnsOf, parseRow, type ParsedRow } from '../domain/lead-import.js';
import { matchingKeys, type MatchedOn } from '../domain/lead-keys.js';
import { Leads } from '../domain/leads.port.js';
import { LeadScoringRules } from '../domain/scoring-rules.port.js';
import { collectGarbage } from '../infrastructure/heap-collector.js';
import { ImportStore, type ImportRecord, type RowOutcome } from '../infrastructure/import-store.js';
import { LeadPoolRepository, type LeadPoolRecord } from '../infrastructure/lead-pool.repository.js';
import { CustomerMatcher, routeToHolder } from './customer-matcher.js';
import { LeadAssigner } from './lead-assigner.js';
import { LeadImportFiles } from './lead-import-files.js';
import { LeadScorer } from './lead-scorer.js';

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

const keyOf = (on: MatchedOn, key: string) => `${on}:${key}`;

/**
 * Runs an import [线索导入] after its upload committed: the file is streamed row by row from file
 * storage and taken in batches of 500, each its own transaction. In a batch, rows are checked,
 * matched against open leads in one statement (and against the batch's earlier rows), new leads
 * are scored, assigned by the pool's rules and stored in one statement, duplicates merge as
 * activities like any capture (LEAD-2), and every row gets its outcome in the report. Memory holds
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
    private readonly leads: Leads,
    private readonly pools: LeadPoolRepository,
    private readonly rules: LeadScoringRules,
    private readonly scorer: LeadScorer,
    private readonly assigner: LeadAssigner,
    private readonly store: ImportStore,
    private readonly uow: UnitOfWork,
    private readonly customers: CustomerMatcher,
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
    const valid = parsed.flatMap(({ parsed: p }) => (p.ok ? [p] : []));

    // Open leads with the batch's keys, and the batch's own new leads as they are made.
    const index = new Map<string, Lead>();
    const remember = (lead: Lead) => {
      for (const { on, key } of matchingKeys(lead.keys)) if (!index.has(keyOf(on, key))) index.set(keyOf(on, key), lead);
    };
    for (const lead of await this.leads.lockOpenMatches(valid.map((p) => p.keys))) remember(lead);

    const customerOf = await this.customers.match(valid.map((p) => p.keys));

    const created: Lead[] = [];
    const createdIds = new Set<string>();
    const mergedExisting = new Map<string, { lead: Lead; activityId: string }>();
    const outcomes: (RowOutcome & { lead?: Lead; parsed?: ParsedRow })[] = [];
    for (const { row, parsed: p } of parsed) {
      if (!p.ok) {
        outcomes.push({ rowNumber: row.number, status: 'rejected', leadId: null, errorCode: p.problem.code, errorField: p.problem.field });
        continue;
      }
      const match = matchingKeys(p.keys)
        .map(({ on, key }) => ({ on, lead: index.get(keyOf(on, key)) }))
        .find((m) => m.lead !== undefined);
      if (match?.lead) {
        const activityId = uuidv7();
        match.lead.mergeSubmission({ activityId, submission: p.profile, matchedOn: match.on, by, now });
        if (createdIds.has(match.lead.id)) match.lead.rescore(rules, [], now, 'merged', activityId);
        else mergedExisting.set(match.lead.id, { lead: match.lead, activityId });
        outcomes.push({ rowNumber: row.number, status: 'merged', leadId: match.lead.id, errorCode: null, errorField: null });
        continue;
      }
      const customer = customerOf(p.keys);
      const lead = Lead.capture({
        id: uuidv7(),
        profile: p.profile,
        poolId: pool.id,
        poolPath: pool.path,
        ownerId: null,
        matchedCustomerId: customer?.customerId ?? null,
        capturedAt: p.capturedAt,
        createdBy: by,
        now,
      });
      lead.rescore(rules, [], now, 'captured');
      // Someone already holds this customer: the lead goes to them, not to the pool's rules.
      routeToHolder(lead, customer, by, now);
      created.push(lead);
      createdIds.add(lead.id);
      remember(lead);
      outcomes.push({ rowNumber: row.number, status: 'created', leadId: lead.id, errorCode: null, errorField: null, lead, parsed: p });
    }

    const cursors = await this.assigner.assignMany(
      created.filter((lead) => lead.ownerId === null),
      pool,
      by,
      now,
    );
    const stored = await this.leads.addMany(created);
    await this.assigner.saveCursors(pool.id, cursors);
    for (const { lead, activityId } of mergedExisting.values()) {
      await this.scorer.rescore(lead, rules, now, 'merged', activityId);
      await this.leads.save(lead);
    }
    // A capture that committed meanwhile with the same keys won the unique index: merge into it instead.
    for (const outcome of outcomes) {
      if (outcome.status !== 'created' || stored.has(outcome.leadId!)) continue;
      const p = outcome.parsed as Extract<ParsedRow, { ok: true }>;
      const match = await this.leads.lockOpenMatch(p.keys);
      if (!match) {
        Object.assign(outcome, { status: 'rejected', leadId: null, errorCode: 'LEAD.DUPLICATE', errorField: null });
        continue;
      }
      const activityId = uuidv7();
      match.lead.mergeSubmission({ activityId, submission: p.profile, matchedOn: match.matchedOn, by, now });
      await this.scorer.rescore(match.lead, rules, now, 'merged', activityId);
      await this.leads.save(match.lead);
      Object.assign(outcome, { status: 'merged', leadId: match.lead.id });
    }
    await this.store.record(
      record.id,
      outcomes.map(({ rowNumber, status, leadId, errorCode, errorField }) => ({ rowNumber, status, leadId, errorCode, errorField })),
    );
  }
}
