import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionHost } from '../database/transaction-host.js';
import { DispatchSignal } from './dispatch-signal.js';
import { EVENT_COLUMNS, toEnvelope, type EventRow } from './event-envelope.js';

const EVENT_STREAM = 'CRM_EVENTS';
const BATCH_SIZE = 200;
const IDLE_POLL_MS = 1000;

/** `customer.created.v1` -> `crm.customer.created.v1` */
function subjectFor(type: string): string {
  return `crm.${type}`;
}

/**
 * Publishes every outbox event to NATS JetStream when NATS_URL is set. A row is marked sent
 * only after the stream acknowledged it; the event id is the message id, so the stream drops
 * a re-publish after a crash between ack and mark.
 */
@Injectable()
export class NatsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NatsRelay');
  private connection?: NatsConnection;
  private jetstream?: JetStreamClient;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: DispatchSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.natsUrl !== undefined && this.config.runEventDispatcher;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.connection = await connect({ servers: this.config.natsUrl, name: 'crm-relay', maxReconnectAttempts: -1 });
    const manager = await this.connection.jetstreamManager();
    try {
      await manager.streams.info(EVENT_STREAM);
    } catch {
      await manager.streams.add({ name: EVENT_STREAM, subjects: ['crm.>'], duplicate_window: 2 * 60 * 1_000_000_000 });
    }
    this.jetstream = this.connection.jetstream();
    this.running = true;
    this.loop = this.run();
    this.logger.log(`Relaying events to ${this.config.natsUrl} (stream ${EVENT_STREAM})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loop;
    await this.connection?.drain().catch(() => undefined);
  }

  /** Publishes one batch; returns how many events were sent. */
  async publishBatch(): Promise<number> {
    const jetstream = this.jetstream;
    if (!jetstream) return 0;
    return this.tx.run(async () => {
      const rows = await this.tx.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM platform.events WHERE published_at IS NULL
          ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      const acks = rows.map((row) => jetstream.publish(subjectFor(row.type), JSON.stringify(toEnvelope(row)), { msgID: row.id }));
      await Promise.all(acks);
      await this.tx.query(`UPDATE platform.events SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((row) => row.seq)]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.publishBatch();
      } catch (error) {
        this.logger.warn(`Publishing failed, will retry: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
      }
      if (sent === 0 && this.running) await this.signal.wait(IDLE_POLL_MS);
    }
  }
}
