import { Injectable } from '@nestjs/common';
import { PostgresRateLimiter, TransactionHost } from '@crm/platform';
import { DEFAULT_MAX_PER_ADDRESS_PER_MINUTE } from '../domain/lead-form.js';

/**
 * Submissions per minute to one form, per client address and in all, counted in PostgreSQL
 * (lead.form_submission_limits, through the platform's limiter) so every API replica draws on the
 * same budget; both counters in one statement. Each form sets its own limits. Submissions to a key
 * that names no enabled form draw from the address's own budget of misses (the default per-address
 * limit), so the endpoint cannot be used to probe keys at will.
 */
@Injectable()
export class FormRateLimiter {
  private readonly limiter: PostgresRateLimiter;

  constructor(tx: TransactionHost) {
    this.limiter = new PostgresRateLimiter(tx, { schema: 'lead', name: 'form_submission_limits' });
  }

  /** Null when the submission may go on; else the seconds to wait. The address's budget first: an address over it spends nothing of the form's. */
  consume(form: { id: string; maxPerAddressPerMinute: number; maxPerMinute: number }, address: string): Promise<number | null> {
    return this.limiter.consume(
      { kind: 'form-address', key: `${form.id}:${address}`, points: form.maxPerAddressPerMinute },
      { kind: 'form', key: form.id, points: form.maxPerMinute },
    );
  }

  /** A submission to an unknown or disabled form key, from this address: null while its budget lasts, else the seconds to wait. */
  consumeMiss(address: string): Promise<number | null> {
    return this.limiter.consume({ kind: 'form-miss', key: address, points: DEFAULT_MAX_PER_ADDRESS_PER_MINUTE });
  }
}
