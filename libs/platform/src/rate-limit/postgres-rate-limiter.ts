import type { TransactionHost } from '../database/transaction-host.js';
import { ProblemException } from '../errors/request-errors.js';

const PURGE_EVERY_MS = 5 * 60_000;

/**
 * One budget to draw from: `points` per window for this `key`, counted under `kind`; the window is
 * the limiter's own (a minute by default) unless `windowSeconds` sets another.
 */
export interface RateLimitCheck {
  kind: string;
  key: string;
  points: number;
  windowSeconds?: number;
}

/**
 * Fixed-window counters in a PostgreSQL table (`key varchar(255) PRIMARY KEY, points integer,
 * expire bigint`: points drawn in the window, and when it ends in epoch milliseconds), so every
 * API replica draws on the same budget. However many budgets a check draws from, it is ONE
 * statement, sent outside any transaction (even when called inside one), so a counter row is never
 * held locked until the caller commits. Budgets are drawn in order and a later one only while the
 * earlier ones had points left, so a caller stopped by its own budget (an address) does not spend
 * a shared one (a form's). Expired counters are deleted now and then by whichever call comes along.
 */
export class PostgresRateLimiter {
  private lastPurge = Date.now();

  constructor(
    private readonly tx: TransactionHost,
    private readonly table: { schema: string; name: string },
    private readonly windowSeconds = 60,
  ) {}

  /** Takes one point from each budget in order; null when all had one, else the seconds to wait for the first that had none. */
  async consume(...checks: RateLimitCheck[]): Promise<number | null> {
    if (checks.length === 0) return null;
    const now = Date.now();
    const params: unknown[] = [now];
    const table = `${this.table.schema}.${this.table.name}`;
    const steps = checks.map((check, index) => {
      const windowMs = (check.windowSeconds ?? this.windowSeconds) * 1000;
      params.push(`${check.kind}:${check.key}`, windowMs);
      const key = `$${params.length - 1}`;
      const expire = `$1::bigint + $${params.length}::bigint`;
      // The previous counter gates this one: no row from it (it was gated itself) or over its points, no draw here.
      const source =
        index === 0
          ? `VALUES (${key}, 1, ${expire})`
          : `SELECT ${key}, 1, ${expire} FROM c${index - 1} WHERE c${index - 1}.points <= ${checks[index - 1]!.points}`;
      return `c${index} AS (
        INSERT INTO ${table} AS t (key, points, expire) ${source}
        ON CONFLICT (key) DO UPDATE SET
          points = CASE WHEN t.expire <= $1::bigint THEN 1 ELSE t.points + 1 END,
          expire = CASE WHEN t.expire <= $1::bigint THEN EXCLUDED.expire ELSE t.expire END
        RETURNING points, expire)`;
    });
    const results = checks.map((_, index) => `SELECT ${index} AS step, points, expire FROM c${index}`).join(' UNION ALL ');
    const { rows } = await this.tx.executeDetached<{ step: number; points: number; expire: string }>(`WITH ${steps.join(', ')} ${results}`, params);
    this.purgeNowAndThen(now);
    const spent = rows.sort((a, b) => a.step - b.step).find((row) => row.points > checks[row.step]!.points);
    return spent ? Math.max(1, Math.ceil((Number(spent.expire) - now) / 1000)) : null;
  }

  /** `consume`, throwing 429 `REQUEST.RATE_LIMITED` with `retryAfterSeconds` (and the `Retry-After` header) when a budget is spent. */
  async enforce(detail: string | ((retryAfterSeconds: number) => string), ...checks: RateLimitCheck[]): Promise<void> {
    const retryAfter = await this.consume(...checks);
    if (retryAfter !== null) throw rateLimited(retryAfter, typeof detail === 'string' ? detail : detail(retryAfter));
  }

  /** Deletes the ended counters every few minutes; for callers that draw from the table with statements of their own. */
  purgeNowAndThen(now: number): void {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    // A counter whose window has ended starts again from one on its next draw: deleting it loses nothing.
    this.tx.executeDetached(`DELETE FROM ${this.table.schema}.${this.table.name} WHERE expire < $1`, [now]).catch(() => undefined);
  }
}

/** 429 `REQUEST.RATE_LIMITED` with `retryAfterSeconds`; the problem filter copies it into `Retry-After`. */
function rateLimited(retryAfterSeconds: number, detail: string): ProblemException {
  return new ProblemException(429, 'REQUEST.RATE_LIMITED', detail, undefined, { retryAfterSeconds });
}
