import { rm } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
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
import { LeadScorer } from './lead-scorer.js';

/** Rows per transaction: small enough to keep locks and memory short, large enough for set-based statements. */
export const IMPORT_BATCH = 500;

/** Rows between two full collections of the heap (see `collectGarbage`): memory stays flat whatever the file's length. */
const ROWS_PER_COLLECTION = 5000;

const keyOf = (on: MatchedOn, key: string) => `${on}:${key}`;

/**
 * Runs an import [线索导入] after its upload committed: the file is streamed row by row and taken
 * in batches of 500, each its own transaction. In a batch, rows are checked, matched against open
 * leads in one statement (and against the batch's earlier rows), new leads are scored, assigned
 * by the pool's rules and stored in one statement, duplicates merge as activities like any
 * capture (LEAD-2), and every row gets its outcome in the report. Memory holds one batch, and
 * the heap is collected every 5,000 rows so what finished batches left behind never piles up.
 */
@Injectable()
export class LeadImporter {
  private readonly logger = new Logger('LeadImporter');

  constructor(
    private readonly leads: Leads,
    private readonly pools: LeadPoolRepository,
    private readonly rules: LeadScoringRules,
    private readonly scorer: LeadScorer,
    private readonly assigner: LeadAssigner,
    private readonly store: ImportStore,
    private readonly uow: UnitOfWork,
    private readonly customers: CustomerMatcher,
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
