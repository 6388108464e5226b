import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { connect, nanos, type JetStreamClient, type JetStreamManager, type NatsConnection, type StreamConfig } from 'nats';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionHost } from '../database/transaction-host.js';
import { DispatchSignal } from './dispatch-signal.js';
import { GATHER_MS } from './event-dispatcher.js';
import { EVENT_COLUMNS, nextBatchSize, readLogInIndexOrder, toEnvelope, type EventRow } from './event-envelope.js';

const EVENT_STREAM = 'CRM_EVENTS';
/** Events per batch: `steady` when the log keeps up, `backlog` after a full batch (nextBatchSize). */
const BATCH_SIZES = { steady: 200, backlog: 1000 };
const IDLE_POLL_MS = 1000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;
const DAY_MS = 86_400_000;

/** `off`: this process does not relay (no NATS_URL, or no dispatcher here); `down`: not connected (yet). */
export type NatsStatus = 'off' | 'up' | 'down';

/** `customer.created.v1` -> `crm.customer.created.v1` */
function subjectFor(type: string): string {
  return `crm.${type}`;
}

/** The stream every event goes to, with explicit retention: the stream never grows without bound. */
function streamLimits(config: Pick<AppConfig, 'natsMaxAgeDays' | 'natsMaxBytes'>): Pick<StreamConfig, 'max_age' | 'max_bytes'> {
  return { max_age: nanos(config.natsMaxAgeDays * DAY_MS), max_bytes: config.natsMaxBytes };
}

/**
 * Creates the stream, or brings an existing one's limits to the configured ones. Returns whether
 * anything changed.
 */
export async function ensureEventStream(
  manager: JetStreamManager,
  config: Pick<AppConfig, 'natsMaxAgeDays' | 'natsMaxBytes'>,
): Promise<'created' | 'updated' | 'unchanged'> {
  const limits = streamLimits(config);
  const existing = await manager.streams.info(EVENT_STREAM).catch((error: { code?: string; api_error?: { err_code?: number } }) => {
    if (error?.api_error?.err_code === 10059 || error?.code === '404') return undefined;
    throw error;
  });
  if (!existing) {
    await manager.streams.add({ name: EVENT_STREAM, subjects: ['crm.>'], duplicate_window: nanos(2 * 60_000), ...limits });
    return 'created';
  }
  if (existing.config.max_age === limits.max_age && existing.config.max_bytes === limits.max_bytes) return 'unchanged';
  await manager.streams.update(EVENT_STREAM, limits);
  return 'updated';
}

/**
 * Publishes every outbox event to NATS JetStream when NATS_URL is set. Start-up never waits for
 * NATS: the relay connects in the background, retrying until it can, reports its state to
 * /health, and then relays the backlog the outbox kept meanwhile. A row is marked sent only
 * after the stream acknowledged it; the event id is the message id, so the stream drops a
 * re-publish after a crash between ack and mark.
 */
@Injectable()
export class NatsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NatsRelay');
  private connection?: NatsConnection;
  private jetstream?: JetStreamClient;
  private connected = false;
  private running = false;
  private loop?: Promise<void>;
  private wakeRetry?: () => void;

  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: DispatchSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.natsUrl !== undefined && this.config.runEventDispatcher;
  }

  get status(): NatsStatus {
    if (!this.enabled) return 'off';
    return this.jetstream && this.connected ? 'up' : 'down';
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeRetry?.();
    this.signal.wake();
    await this.loop;
    await this.connection?.drain().catch(() => undefined);
  }

  /** Publishes one batch; returns how many events were sent. */
  async publishBatch(limit = BATCH_SIZES.steady): Promise<number> {
    const jetstream = this.jetstream;
    if (!jetstream) return 0;
    return this.tx.run(async () => {
      const rows = await readLogInIndexOrder<EventRow>(
        this.tx,
        `SELECT ${EVENT_COLUMNS} FROM platform.events WHERE published_at IS NULL
          ORDER BY seq LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      // At most `steady` publishes wait for their acknowledgement at once, however many rows a backlog batch took.
      for (let start = 0; start < rows.length; start += BATCH_SIZES.steady) {
        const chunk = rows.slice(start, start + BATCH_SIZES.steady);
        await Promise.all(chunk.map((row) => jetstream.publish(subjectFor(row.type), JSON.stringify(toEnvelope(row)), { msgID: row.id })));
      }
      await this.tx.query(`UPDATE platform.events SET published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    await this.connectWithRetry();
    let failing = false;
    let limit = BATCH_SIZES.steady;
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.publishBatch(limit);
        if (failing) this.logger.log('Publishing to NATS again');
        failing = false;
      } catch (error) {
        // Said once per outage, not once a second.
        if (!failing) this.logger.warn(`Publishing to NATS failed, retrying until it works: ${(error as Error).message}`);
        failing = true;
        await this.pause(IDLE_POLL_MS);
      }
      if (sent === 0 && this.running) await this.signal.wait(IDLE_POLL_MS);
      // As the dispatcher does: a steady stream of commits is relayed a few at a time, not one batch per commit.
      else if (sent < limit && this.running) await this.pause(GATHER_MS);
      limit = nextBatchSize(sent, limit, BATCH_SIZES);
    }
  }

  /** Connects and prepares the stream, retrying with backoff (0.5 s doubling to 15 s) until it works or the app stops. */
  private async connectWithRetry(): Promise<void> {
    let delay = FIRST_RETRY_MS;
    let attempts = 0;
    while (this.running) {
      attempts++;
      try {
        // No async stack per request: a publish's acknowledgement would otherwise allocate two stack traces per event.
        const connection = await connect({
          servers: this.config.natsUrl,
          name: 'crm-relay',
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
          timeout: 5000,
          noAsyncTraces: true,
        });
        try {
          const change = await ensureEventStream(await connection.jetstreamManager(), this.config);
          if (change !== 'unchanged')
            this.logger.log(`Stream ${EVENT_STREAM} ${change}: events kept ${this.config.natsMaxAgeDays} days, at most ${this.config.natsMaxBytes} bytes`);
        } catch (error) {
          await connection.close().catch(() => undefined);
          throw error;
        }
        this.connection = connection;
        this.connected = true;
        this.jetstream = connection.jetstream();
        void this.followStatus(connection);
        this.logger.log(`Relaying events to ${this.redactedUrl()} (stream ${EVENT_STREAM})${attempts > 1 ? ` after ${attempts} attempts` : ''}`);
        return;
      } catch (error) {
        if (attempts === 1)
          this.logger.warn(
            `NATS at ${this.redactedUrl()} is not ready yet (${(error as Error).message}); events wait in the outbox, retrying in the background`,
          );
        else this.logger.debug(`NATS still not ready: ${(error as Error).message}`);
        await this.pause(delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    }
  }

  /** Tracks later disconnections (the client reconnects by itself) for /health. */
  private async followStatus(connection: NatsConnection): Promise<void> {
    try {
      await this.onStatusChanges(connection);
    } catch (error) {
      this.logger.warn(`Stopped following the NATS connection's status: ${(error as Error).message}`);
    }
  }

  private async onStatusChanges(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.logger.warn('Lost the connection to NATS; reconnecting');
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.logger.log('Reconnected to NATS');
        // A NATS server restarted without its storage has lost the stream: make it again.
        await connection
          .jetstreamManager()
          .then((manager) => ensureEventStream(manager, this.config))
          .catch((error: Error) => this.logger.warn(`Could not check stream ${EVENT_STREAM} after reconnecting: ${error.message}`));
        this.signal.wake();
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeRetry = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** NATS_URL may carry credentials: log the host only. */
  private redactedUrl(): string {
    const url = new URL(this.config.natsUrl!);
    return `${url.protocol}//${url.host}`;
  }
}
