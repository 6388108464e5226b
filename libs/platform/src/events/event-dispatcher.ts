import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';
import { DATABASE_CONNECTION_INFO, type DatabaseConnectionInfo } from '../database/database.module.js';
import { TransactionHost } from '../database/transaction-host.js';
import { DispatchSignal } from './dispatch-signal.js';
import { EVENT_COLUMNS, nextBatchSize, readLogInIndexOrder, toEnvelope, type EventEnvelope, type EventRow } from './event-envelope.js';
import { EventReactions, type RegisteredReaction } from './event-reactions.registry.js';
import { UnitOfWork } from '../unit-of-work/unit-of-work.js';

/** Events per batch: `steady` when the log keeps up, `backlog` after a full batch (nextBatchSize). */
const BATCH_SIZES = { steady: 100, backlog: 500 };
const IDLE_POLL_MS = 1000;
/**
 * After a batch that was not full, the next one waits this long: under a steady stream of commits
 * each batch then carries the events of several, instead of one batch (and its dozen statements)
 * per commit. An event committed while the dispatcher is idle is still taken at once.
 */
export const GATHER_MS = 20;
const MAX_BACKOFF_SECONDS = 3600;

/**
 * Delivers outbox events to in-process reactions at least once; the inbox makes each delivery
 * effectively once. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of api and
 * worker processes can dispatch side by side. Events go to reactions in batches; a failing
 * reaction rolls back only its own work on its own event, which is retried with exponential
 * backoff while the rest flow on.
 */
@Injectable()
export class EventDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventDispatcher');
  private running = false;
  private loop?: Promise<void>;
  private listener?: pg.Client;

  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: DispatchSignal,
    private readonly reactions: EventReactions,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_CONNECTION_INFO) private readonly database: DatabaseConnectionInfo,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runEventDispatcher) return;
    this.running = true;
    if (!this.database.embedded) await this.listenForOtherProcesses();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Delivers everything that is due now; returns how many events were handled. For tests and tools. */
  async drain(): Promise<number> {
    let total = 0;
    let limit = BATCH_SIZES.steady;
    for (;;) {
      const handled = await this.dispatchBatch(limit);
      total += handled;
      if (handled === 0) return total;
      limit = nextBatchSize(handled, limit, BATCH_SIZES);
    }
  }

  /**
   * Takes a batch of due events and delivers it in one transaction: each reaction (consumer) gets
   * the batch's events it listens to at once, in a savepoint, claimed in its inbox with one
   * statement, and set-based when it has `handleAll`. When a consumer's batch fails, it is undone
   * and redone event by event, so only the events that fail wait for a retry (with exponential
   * backoff) while the rest are delivered; a consumer that already handled an event skips it on
   * the retry. Row locks taken by reactions are held for one batch of at most `limit` events.
   */
  async dispatchBatch(limit = BATCH_SIZES.steady): Promise<number> {
    return this.tx.run(async () => {
      // In one round trip; the reactions' (and the marking's) statements then plan as usual.
      const rows = await readLogInIndexOrder<EventRow>(
        this.tx,
        `SELECT ${EVENT_COLUMNS} FROM platform.events
          WHERE dispatched_at IS NULL AND next_dispatch_at <= now()
          ORDER BY seq LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const events = rows.map((row) => ({ seq: row.seq, event: toEnvelope(row) }));
      const byConsumer = new Map<string, { reaction: RegisteredReaction; items: typeof events }>();
      for (const item of events) {
        for (const reaction of this.reactionsFor(item.event.type)) {
          if (reaction.handler.wants && !reaction.handler.wants(item.event)) continue;
          const entry = byConsumer.get(reaction.consumer) ?? { reaction, items: [] };
          entry.items.push(item);
          byConsumer.set(reaction.consumer, entry);
        }
      }
      const failed = new Map<string, string>();
      for (const { reaction, items } of byConsumer.values()) {
        // An event that failed for an earlier consumer is retried as a whole later; those that succeeded skip it then.
        const due = items.filter((item) => !failed.has(item.event.id));
        if (due.length === 0) continue;
        try {
          await this.tx.isolated(() =>
            this.deliver(
              reaction,
              due.map((item) => item.event),
            ),
          );
        } catch (batchError) {
          if (due.length === 1) {
            this.failed(due[0]!, reaction, batchError, failed);
            continue;
          }
          for (const item of due) {
            try {
              await this.tx.isolated(() => this.deliver(reaction, [item.event]));
            } catch (error) {
              this.failed(item, reaction, error, failed);
            }
          }
        }
      }
      // By id, the primary key: each event is found in its own month's partition.
      const delivered = rows.filter((row) => !failed.has(row.id)).map((row) => row.id);
      if (delivered.length > 0) {
        await this.tx.query(`UPDATE platform.events SET dispatched_at = now(), dispatch_error = NULL WHERE id = ANY($1::uuid[])`, [delivered]);
      }
      if (failed.size > 0) {
        await this.tx.query(
          `UPDATE platform.events e
              SET dispatch_attempts = e.dispatch_attempts + 1,
                  dispatch_error = f.error,
                  next_dispatch_at = now() + make_interval(secs => least($3, power(2, e.dispatch_attempts)))
             FROM unnest($1::uuid[], $2::text[]) AS f(id, error)
            WHERE e.id = f.id`,
          [[...failed.keys()], [...failed.values()], MAX_BACKOFF_SECONDS],
        );
      }
      return rows.length;
    });
  }

  private reactionsFor(type: string): RegisteredReaction[] {
    return this.reactions.afterCommitFor(type);
  }

  private failed(item: { seq: string; event: EventEnvelope }, reaction: RegisteredReaction, error: unknown, failed: Map<string, string>): void {
    const message = String((error as Error).message).slice(0, 2000);
    this.logger.warn(`Reaction ${reaction.consumer} to ${item.event.type} ${item.event.id} failed, will retry: ${message}`);
    failed.set(item.event.id, message);
  }

  /** Claims the events in the consumer's inbox (skipping those it already handled) and hands it the rest. */
  private async deliver(reaction: RegisteredReaction, events: readonly EventEnvelope[]): Promise<void> {
    const claimed = await this.tx.query<{ event_id: string }>(
      `INSERT INTO platform.handled_events (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [reaction.consumer, events.map((event) => event.id)],
    );
    const fresh = new Set(claimed.map((row) => row.event_id));
    const due = events.filter((event) => fresh.has(event.id));
    if (due.length === 0) return;
    const { handler } = reaction;
    if (handler.handleAll && due.length > 1) {
      const first = due[0]!;
      await RequestContext.run({ correlationId: first.correlationId ?? first.id, causationId: first.id, actorId: 'system' }, () =>
        this.uow.run(() => handler.handleAll!(due)),
      );
      return;
    }
    for (const event of due) {
      await RequestContext.run(
        { correlationId: event.correlationId ?? event.id, causationId: event.id, actorId: event.actor ?? 'system' },
        // A unit of work of its own: what the reaction's repositories save goes out with its events.
        () => this.uow.run(() => handler.handle(event)),
      );
    }
  }

  private async run(): Promise<void> {
    let limit = BATCH_SIZES.steady;
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.dispatchBatch(limit);
      } catch (error) {
        this.logger.error(`Dispatch failed: ${(error as Error).message}`);
      }
      if (handled === 0 && this.running) await this.signal.wait(IDLE_POLL_MS);
      else if (handled < limit && this.running) await new Promise((done) => setTimeout(done, GATHER_MS));
      limit = nextBatchSize(handled, limit, BATCH_SIZES);
    }
  }

  /** Other processes' commits arrive as NOTIFY on the server; polling remains the fallback. */
  private async listenForOtherProcesses(): Promise<void> {
    try {
      this.listener = new pg.Client({ connectionString: this.database.url, application_name: 'crm-dispatcher' });
      this.listener.on('notification', () => this.signal.wake());
      this.listener.on('error', (error) => this.logger.warn(`LISTEN connection lost: ${error.message}`));
      await this.listener.connect();
      await this.listener.query('LISTEN crm_events');
    } catch (error) {
      this.logger.warn(`LISTEN unavailable, polling only: ${(error as Error).message}`);
    }
  }
}
