import { Injectable } from '@nestjs/common';
import { PostgresRateLimiter, TransactionHost } from '@crm/platform';
import { DEFAULT_MAX_PER_ADDRESS_PER_MINUTE } from '../domain/lead-form.js';
import { FORM_COLUMNS, type LeadFormRecord } from './form-store.js';

const WINDOW_MS = 60_000;
/** How long a form read by a submission is used to check the next ones before it is read again. */
const FORM_CACHE_MS = 5_000;
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
  private readonly recent = new Map<string, { form: LeadFormRecord; until: number }>();

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
    if (form) this.recent.set(key, { form, until: now + FORM_CACHE_MS });
    else this.recent.delete(key);
    const waitUntil = (expire: string) => Math.max(1, Math.ceil((Number(expire) - now) / 1000));
    if (address_points > (form ? form.maxPerAddressPerMinute : DEFAULT_MAX_PER_ADDRESS_PER_MINUTE)) return { form, wait: waitUntil(address_expire) };
    if (form && form_points !== null && form_points > form.maxPerMinute) return { form, wait: waitUntil(form_expire!) };
    return { form, wait: null };
  }

  /** The form as a submission read it moments ago, to check the next submissions' fields before any statement. */
  recentForm(key: string): LeadFormRecord | undefined {
    const entry = this.recent.get(key);
    if (entry && entry.until > Date.now()) return entry.form;
    this.recent.delete(key);
    return undefined;
  }

  /**
   * A checked submission to a form read moments ago, in one statement: the budgets drawn as in
   * `formAndBudget` and, within them, the submission put in the inbox. `stale` when the form
   * changed or was disabled since (nothing drawn, nothing kept): the caller reads it again.
   */
  async accept(
    form: LeadFormRecord,
    address: string,
    submission: { id: string; profile: object },
  ): Promise<{ status: 'accepted' } | { status: 'limited'; wait: number } | { status: 'stale' }> {
    const now = Date.now();
    const row = await this.tx.executeDetached<{
      current: boolean;
      address_points: number | null;
      address_expire: string | null;
      form_points: number | null;
      form_expire: string | null;
    }>(
      `WITH f AS (SELECT f.id, f.pool_id, f.max_per_address_per_minute AS per_address, f.max_per_minute AS per_form
                    FROM lead.forms f WHERE f.id = $1 AND f.version = $2 AND f.enabled),
       address AS (
         INSERT INTO ${TABLE.schema}.${TABLE.name} AS t (key, points, expire)
         SELECT 'form-address:' || f.id || ':' || $5, 1, $3::bigint + $4::bigint FROM f
         ${DRAW}),
       form AS (
         INSERT INTO ${TABLE.schema}.${TABLE.name} AS t (key, points, expire)
         SELECT 'form:' || f.id, 1, $3::bigint + $4::bigint FROM address, f WHERE address.points <= f.per_address
         ${DRAW}),
       inbox AS (
         INSERT INTO lead.form_inbox (id, form_id, pool_id, profile)
         SELECT $6, f.id, f.pool_id, $7 FROM f, address, form WHERE address.points <= f.per_address AND form.points <= f.per_form)
       SELECT EXISTS (SELECT 1 FROM f) AS current, address.points AS address_points, address.expire AS address_expire,
              form.points AS form_points, form.expire AS form_expire
         FROM (VALUES (1)) AS one LEFT JOIN address ON true LEFT JOIN form ON true`,
      [form.id, form.version, now, WINDOW_MS, address, submission.id, JSON.stringify(submission.profile)],
    );
    this.limiter.purgeNowAndThen(now);
    const { current, address_points, address_expire, form_points, form_expire } = row.rows[0]!;
    if (!current) {
      this.recent.delete(form.key);
      return { status: 'stale' };
    }
    const waitUntil = (expire: string) => Math.max(1, Math.ceil((Number(expire) - now) / 1000));
    if (address_points! > form.maxPerAddressPerMinute) return { status: 'limited', wait: waitUntil(address_expire!) };
    if (form_points !== null && form_points > form.maxPerMinute) return { status: 'limited', wait: waitUntil(form_expire!) };
    return { status: 'accepted' };
  }
}
