import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import pg from 'pg';
import { DATABASE_CONNECTION_INFO, TransactionHost, type DatabaseConnectionInfo } from '@crm/platform';

const MAX_ENTRIES = 10_000;
/** A safety net only: a missed notice (which drops the listener, and with it the cache) can leave nothing older than this. */
const MAX_AGE_MS = 60_000;
const RECONNECT_MS = 1000;

/**
 * The acting users (user, roles' permissions, data scope) this process resolved recently, so a
 * request does not read them again. Correct across replicas: every change to users or roles sends
 * `NOTIFY crm_identity_changed` when it commits (a trigger, whoever writes), and each process drops
 * its whole cache when the notice arrives; this process also drops it as soon as its own identity
 * writes commit. While the LISTEN connection is down (or on the embedded single-connection
 * database) nothing is cached and every request reads the user, as before.
 */
@Injectable()
export class ActingUserCache implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ActingUserCache');
  private readonly entries = new Map<string, { value: unknown; at: number }>();
  /** Bumped by every invalidation: a read that started before one is never stored. */
  private generation = 0;
  private listener?: pg.Client;
  private listening = false;
  private stopped = false;
  private reconnect?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE_CONNECTION_INFO) private readonly database: DatabaseConnectionInfo,
    private readonly tx: TransactionHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.database.embedded || process.env.CRM_ACTOR_CACHE === '0') return;
    await this.listen();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    this.drop();
    await this.listener?.end().catch(() => undefined);
  }

  /** The cached value for `userId`, or `load()`'s answer (cached when no invalidation came meanwhile). */
  async get<T>(userId: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.listening) return load();
    const hit = this.entries.get(userId);
    if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(userId, { value, at: Date.now() });
    }
    return value;
  }

  /** Forgets every acting user once the current transaction commits (at once outside one): call it after an identity write. */
  dropAfterCommit(): void {
    this.tx.afterCommit(() => this.drop());
  }

  /** Forgets every acting user (a user, a role or a membership changed). */
  drop(): void {
    this.generation++;
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.url, application_name: 'crm-identity-cache' });
    const lost = (why: string) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      this.drop();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`Identity change notices lost (${why}); reading users on every request until reconnected`);
      this.reconnect = setTimeout(() => void this.listen(), RECONNECT_MS);
    };
    client.on('notification', () => this.drop());
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection closed'));
    this.listener = client;
    try {
      await client.connect();
      await client.query('LISTEN crm_identity_changed');
      // Anything cached before the LISTEN took effect may have missed a notice.
      this.drop();
      this.listening = !this.stopped;
    } catch (error) {
      lost((error as Error).message);
    }
  }
}
