import { Injectable } from '@nestjs/common';
import { PostgresRateLimiter, TransactionHost } from '@crm/platform';
import { DEFAULT_MAX_PER_ADDRESS_PER_MINUTE } from '../domain/lead-form.js';
import { FORM_COLUMNS, type LeadFormRecord } from './form-store.js';

const WINDOW_MS = 60_000;
const TABLE = { schema: 'lead', name: 'form_submission_limits' };

/** A counter drawn in the table: one more point in its window, or the first of a new window. */
const DRAW = `ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN t.expire <= $3::bigint THEN 1 ELSE t.points + 1 END,
    expire = CASE WHEN t.expire <= $3::bigint THEN EXCLUDED.expire ELSE t.expire END
  RETURNING points, expire`;

/**
 * Submissions per minute to one form, per client address and in all, counted in PostgreSQL
 * (lead.form_submission_limits, the platform limiter's table layout) so every API replica draws on
 * the same budget. Each form sets its own limits. Submissions to a key that names no enabled form
 * draw from the address's own budget of misses (the default per-address limit), so the endpoint
 * cannot be used to probe keys at will.
 */
@Injectable()
export class FormRateLimiter {
  private readonly limiter: PostgresRateLimiter;

  constructor(private readonly tx: TransactionHost) {
    this.limiter = new PostgresRateLimiter(tx, TABLE);
  }

  /**
   * The enabled form with this key, read in the same statement that draws the submission's budgets:
   * the address's budget with the form first (an address over it spends nothing of the form's), then
   * the form's; with no enabled form, the address's budget of misses. `wait` is null when the
   * submission may go on, else the seconds to wait.
   */
  async formAndBudget(key: string, address: string): Promise<{ form: LeadFormRecord | null; wait: number | null }> {
    const now = Date.now();
    const row = await this.tx.executeDetached<
      Partial<LeadFormRecord> & { found: boolean; address_points: number; address_expire: string; form_points: number | null; form_expire: string | null }
    >(
      `WITH f AS (SELECT ${FORM_COLUMNS} FROM lead.forms f WHERE f.key = $1 AND f.enabled),
       address AS (
         INSERT INTO ${TABLE.schema}.${TABLE.name} AS t (key, points, expire)
         SELECT coalesce('form-address:' || f.id || ':' || $2, 'form-miss:' || $2), 1, $3::bigint + $4::bigint
           FROM (VALUES (1)) AS one LEFT JOIN f ON true
         ${DRAW}),
       form AS (
         INSERT INTO ${TABLE.schema}.${TABLE.name} AS t (key, points, expire)
         SELECT 'form:' || f.id, 1, $3::bigint + $4::bigint FROM address, f WHERE address.points <= f."maxPerAddressPerMinute"
         ${DRAW})
       SELECT f.*, f.id IS NOT NULL AS found, address.points AS address_points, address.expire AS address_expire,
              form.points AS form_points, form.expire AS form_expire
         FROM address LEFT JOIN f ON true LEFT JOIN form ON true`,
      [key, address, now, WINDOW_MS],
    );
    this.limiter.purgeNowAndThen(now);
    const { found, address_points, address_expire, form_points, form_expire, ...columns } = row.rows[0]!;
    const form = found ? (columns as LeadFormRecord) : null;
    const waitUntil = (expire: string) => Math.max(1, Math.ceil((Number(expire) - now) / 1000));
    if (address_points > (form ? form.maxPerAddressPerMinute : DEFAULT_MAX_PER_ADDRESS_PER_MINUTE)) return { form, wait: waitUntil(address_expire) };
    if (form && form_points !== null && form_points > form.maxPerMinute) return { form, wait: waitUntil(form_expire!) };
    return { form, wait: null };
  }
}
