import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';

const WINDOW_MS = 60_000;
const PURGE_EVERY_MS = 5 * 60_000;

/** One counter's window, written as rate-limiter-flexible's Postgres store writes it (same table, same keys). */
const UPSERT = (key: string, from: string) => `
  INSERT INTO lead.form_submission_limits AS c (key, points, expire) SELECT ${key}, 1, $3::bigint + ${WINDOW_MS} ${from}
  ON CONFLICT (key) DO UPDATE
     SET points = CASE WHEN c.expire <= $3 THEN 1 ELSE c.points + 1 END,
         expire = CASE WHEN c.expire <= $3 THEN $3::bigint + ${WINDOW_MS} ELSE c.expire END
  RETURNING points, expire`;

/**
 * Submissions per minute to one form, per client address and in all, counted in PostgreSQL
 * (lead.form_submission_limits: fixed one-minute windows, the layout of rate-limiter-flexible's
 * store) so every API replica draws on the same budget. Both counters move in one statement; an
 * address over its own limit does not spend the form's budget.
 */
@Injectable()
export class FormRateLimiter {
  private lastPurge = Date.now();

  constructor(private readonly tx: TransactionHost) {}

  /** Null when the submission may go on; else the seconds to wait. */
  async consume(formId: string, address: string, perAddress: number, perForm: number): Promise<number | null> {
    const now = Date.now();
    const [row] = await this.tx.query<{ a_points: number; a_expire: string; f_points: number | null; f_expire: string | null }>(
      `WITH a AS (${UPSERT('$1::text', '')}),
            f AS (${UPSERT('$2::text', 'FROM a WHERE a.points <= $4')})
       SELECT a.points AS a_points, a.expire AS a_expire, f.points AS f_points, f.expire AS f_expire FROM a LEFT JOIN f ON true`,
      [`form-address:${formId}:${address}`, `form:${formId}`, now, perAddress],
    );
    this.purgeNowAndThen();
    const waitUntil = row!.a_points > perAddress ? Number(row!.a_expire) : row!.f_points !== null && row!.f_points > perForm ? Number(row!.f_expire) : null;
    return waitUntil === null ? null : Math.max(1, Math.ceil((waitUntil - now) / 1000));
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.tx.execute(`DELETE FROM lead.form_submission_limits WHERE expire < $1`, [Date.now() - WINDOW_MS]).catch(() => undefined);
  }
}
