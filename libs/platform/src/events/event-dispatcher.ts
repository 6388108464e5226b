import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';
import { DATABASE_CONNECTION_INFO, type DatabaseConnectionInfo } from '../database/database.module.js';
import { TransactionHost } from '../database/transaction-host.js';
import { DispatchSignal } from './dispatch-signal.js';
import { EVENT_COLUMNS, toEnvelope, type EventEnvelope, type EventRow } from './event-envelope.js';
import { EventReactions, type RegisteredReaction } from './event-reactions.registry.js';
import { UnitOfWork } from '../unit-of-work/unit-of-work.js';

const BATCH_SIZE = 100;
const IDLE_POLL_MS = 1000;
const MAX_BACKOFF_SECONDS = 3600;

/**
 * Delivers outbox events to in-process reactions at least once; the inbox makes each delivery
 * effectively once. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of api and
 * worker processes can dispatch side by side. A failing reaction rolls back only its own event,
 * which is retried with exponential backoff while the rest flow on.
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
    for (;;) {
      const handled = await this.dispatchBatch();
      total += handled;
      if (handled === 0) return total;
    }
  }

  /**
   * Takes a batch of due events. Those no reaction listens to are marked delivered at once; each
   * of the others is then delivered in a transaction of its own, so a reaction's row locks are held
   * only as long as that one event takes (never across unrelated customers) and a failure touches
   * only its own event.
   */
  async dispatchBatch(): Promise<number> {
    const withReactions = await this.tx.run(async () => {
      const rows = await this.tx.query<{ seq: string; type: string }>(
        `SELECT seq, type FROM platform.events
          WHERE dispatched_at IS NULL AND next_dispatch_at <= now()
          ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      const unwatched = rows.filter((row) => this.reactionsFor(row.type).length === 0).map((row) => row.seq);
      if (unwatched.length > 0) {
        await this.tx.query(`UPDATE platform.events SET dispatched_at = now() WHERE seq = ANY($1::bigint[])`, [unwatched]);
      }
      return { total: rows.length, seqs: rows.filter((row) => this.reactionsFor(row.type).length > 0).map((row) => row.seq) };
    });
    for (const seq of withReactions.seqs) await this.dispatchOne(seq);
    return withReactions.total;
  }

  private reactionsFor(type: string): RegisteredReaction[] {
    return this.reactions.afterCommitFor(type);
  }

  /** One event in one transaction; skipped when another dispatcher holds or already delivered it. */
  private async dispatchOne(seq: string): Promise<void> {
    let row: EventRow | undefined;
    try {
      await this.tx.run(async () => {
        row = await this.tx.queryOne<EventRow>(`SELECT ${EVENT_COLUMNS} FROM platform.events WHERE seq = $1 AND dispatched_at IS NULL FOR UPDATE SKIP LOCKED`, [
          seq,
        ]);
        if (!row) return;
        await this.deliver(toEnvelope(row), this.reactionsFor(row.type));
        await this.tx.query(`UPDATE platform.events SET dispatched_at = now(), dispatch_error = NULL WHERE seq = $1`, [seq]);
      });
    } catch (error) {
      this.logger.warn(`Reaction to ${row?.type ?? 'event'} ${row?.id ?? seq} failed, will retry: ${(error as Error).message}`);
      await this.tx
        .query(
          `UPDATE platform.events
              SET dispatch_attempts = dispatch_attempts + 1,
                  dispatch_error = $2,
                  next_dispatch_at = now() + make_interval(secs => least($3, power(2, dispatch_attempts)))
            WHERE seq = $1`,
          [seq, String((error as Error).message).slice(0, 2000), MAX_BACKOFF_SECONDS],
        )
        .catch((recordError: Error) => this.logger.error(`Could not record the failure: ${recordError.message}`));
    }
  }

  private async deliver(event: EventEnvelope, reactions: RegisteredReaction[]): Promise<void> {
    for (const reaction of reactions) {
      const claimed = await this.tx.execute(`INSERT INTO platform.handled_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        reaction.consumer,
        event.id,
      ]);
      if (claimed.rowCount === 0) continue;
      await RequestContext.run(
        { correlationId: event.correlationId ?? event.id, causationId: event.id, actorId: event.actor ?? 'system' },
        // A unit of work of its own: what the reaction's repositories save goes out with its events.
        () => this.uow.run(() => reaction.handler.handle(event)),
      );
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.dispatchBatch();
      } catch (error) {
        this.logger.error(`Dispatch failed: ${(error as Error).message}`);
      }
      if (handled === 0 && this.running) await this.signal.wait(IDLE_POLL_MS);
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
