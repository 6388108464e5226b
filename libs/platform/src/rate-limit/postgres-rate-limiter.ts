import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { TransactionHost } from '../database/transaction-host.js';
import { ProblemException } from '../errors/request-errors.js';

const PURGE_EVERY_MS = 5 * 60_000;

/** One budget to draw from: `points` per window for this `key`, counted under `kind`. */
export interface RateLimitCheck {
  kind: string;
  key: string;
  points: number;
}

/**
 * Fixed-window counters in a PostgreSQL table (rate-limiter-flexible's store: `key varchar(255)
 * PRIMARY KEY, points integer, expire bigint`), so every API replica draws on the same budget.
 * The store's statements run outside any transaction (even when called inside one), so a counter
 * row is never held locked until the caller commits. A limiter per
 * kind and limit is kept; expired counters are deleted now and then by whichever call comes along.
 */
export class PostgresRateLimiter {
  private readonly limiters = new Map<string, RateLimiterPostgres>();
  private lastPurge = Date.now();

  constructor(
    private readonly tx: TransactionHost,
    private readonly table: { schema: string; name: string },
    private readonly windowSeconds = 60,
  ) {}

  /** Takes one point from each budget in order; null when all had one, else the seconds to wait for the first that had none. */
  async consume(...checks: RateLimitCheck[]): Promise<number | null> {
    try {
      for (const check of checks) await this.limiter(check.kind, check.points).consume(check.key);
      this.purgeNowAndThen();
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  }

  /** `consume`, throwing 429 `REQUEST.RATE_LIMITED` with `retryAfterSeconds` (and the `Retry-After` header) when a budget is spent. */
  async enforce(detail: string, ...checks: RateLimitCheck[]): Promise<void> {
    const retryAfter = await this.consume(...checks);
    if (retryAfter !== null) throw rateLimited(retryAfter, detail);
  }

  private limiter(kind: string, points: number): RateLimiterPostgres {
    const name = `${kind}:${points}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: { query: ({ text, values }: { text: string; values?: unknown[] }) => this.tx.executeDetached(text, values ?? []) },
        storeType: 'client',
        schemaName: this.table.schema,
        tableName: this.table.name,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: kind,
        points,
        duration: this.windowSeconds,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.tx.execute(`DELETE FROM ${this.table.schema}.${this.table.name} WHERE expire < $1`, [Date.now() - this.windowSeconds * 1000]).catch(() => undefined);
  }
}

/** 429 `REQUEST.RATE_LIMITED` with `retryAfterSeconds`; the problem filter copies it into `Retry-After`. */
function rateLimited(retryAfterSeconds: number, detail: string): ProblemException {
  return new ProblemException(429, 'REQUEST.RATE_LIMITED', detail, undefined, { retryAfterSeconds });
}
