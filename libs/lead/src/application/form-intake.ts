import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, UnitOfWork, WakeSignal, type AppConfig } from '@crm/platform';
import { leadKeys } from '../domain/lead-keys.js';
import { LeadPoolErrors } from '../domain/lead.errors.js';
import { LeadScoringRules } from '../domain/scoring-rules.port.js';
import { FormInbox, type InboxSubmission } from '../infrastructure/form-inbox.js';
import { LeadPoolRepository } from '../infrastructure/lead-pool.repository.js';
import { CaptureBatch } from './capture-batch.js';

/** Submissions per transaction: enough to make the capture's statements count for many, short enough to hold locks briefly. */
const BATCH_SIZE = 200;
const IDLE_POLL_MS = 1000;
/** After a batch that was not full, the next waits this long, so a steady stream is taken several at a time. */
const GATHER_MS = 20;

/**
 * Captures accepted web-form submissions [表单提交] from the inbox in batches: each batch is one
 * transaction that takes its rows out of the inbox (SKIP LOCKED: any number of api and worker
 * processes share the work) and captures them per form's pool with `CaptureBatch` — de-duplicated
 * against open leads and within the batch, matched to customers, scored, assigned, with their
 * events — so the public endpoint answers after one insert and bursts queue instead of waiting.
 * A batch that fails is undone and redone submission by submission; one that still fails goes
 * back to the inbox with its error and is tried again later (10 s, doubling, at most an hour).
 * The receipt the visitor got is the new lead's id, or the merge activity's.
 */
@Injectable()
export class FormIntake implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FormIntake');
  private readonly signal = new WakeSignal();
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly inbox: FormInbox,
    private readonly pools: LeadPoolRepository,
    private readonly rules: LeadScoringRules,
    private readonly batches: CaptureBatch,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runEventDispatcher) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loop;
  }

  /** A submission was accepted in this process: take it now rather than at the next poll. */
  wake(): void {
    this.signal.wake();
  }

  /** Captures everything due now; answers how many submissions were taken. For tests and tools. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.intakeBatch();
      total += taken;
      if (taken === 0) return total;
    }
  }

  /** One batch: taken and captured in one transaction, or, when that fails, one submission at a time. */
  async intakeBatch(): Promise<number> {
    let ids: string[] = [];
    try {
      return await this.uow.run(async () => {
        const taken = await this.inbox.take(BATCH_SIZE);
        ids = taken.map((submission) => submission.id);
        await this.capture(taken);
        return taken.length;
      });
    } catch (error) {
      if (ids.length === 0) throw error;
      for (const id of ids) await this.intakeOne(id);
      return ids.length;
    }
  }

  private async intakeOne(id: string): Promise<void> {
    try {
      await this.uow.run(async () => this.capture(await this.inbox.take(1, [id])));
    } catch (error) {
      const message = String((error as Error).message).slice(0, 2000);
      this.logger.warn(`Form submission ${id} not captured, will retry: ${message}`);
      await this.uow.run(async () => {
        const [submission] = await this.inbox.take(1, [id]);
        if (submission) await this.inbox.postpone(submission, (error as { code?: string }).code ?? message);
      });
    }
  }

  /** The submissions of each pool as one capture batch, as their forms' creators. */
  private async capture(submissions: readonly InboxSubmission[]): Promise<void> {
    if (submissions.length === 0) return;
    const rules = await this.rules.current();
    const now = new Date();
    const groups = new Map<string, InboxSubmission[]>();
    for (const submission of submissions) {
      const key = `${submission.poolId}:${submission.createdBy}`;
      groups.set(key, [...(groups.get(key) ?? []), submission]);
    }
    for (const group of groups.values()) {
      const { poolId, createdBy } = group[0]!;
      const pool = await this.pools.find(poolId);
      if (!pool) throw LeadPoolErrors.notFound();
      const outcomes = await this.batches.capture(
        group.map(({ id, profile }) => ({ id, profile, keys: leadKeys(profile) })),
        { pool, rules, by: createdBy, now, reason: 'captured' },
      );
      // The person's lead went away between two looks (closed, converted): taken alone, the submission finds out which.
      if (outcomes.some((outcome) => outcome.status === 'rejected')) throw new Error('A lead with the same keys changed during the batch');
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let taken = 0;
      try {
        taken = await this.intakeBatch();
      } catch (error) {
        this.logger.error(`Form intake failed: ${(error as Error).message}`);
      }
      if (taken === 0 && this.running) await this.signal.wait(IDLE_POLL_MS);
      else if (taken < BATCH_SIZE && this.running) await new Promise((done) => setTimeout(done, GATHER_MS));
    }
  }
}
