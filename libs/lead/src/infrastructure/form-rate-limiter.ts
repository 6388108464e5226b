import { Injectable } from '@nestjs/common';
import { PostgresRateLimiter, TransactionHost } from '@crm/platform';

/**
 * Submissions per minute to one form, per client address and in all, counted in PostgreSQL
 * (lead.form_submission_limits, through the platform's limiter) so every API replica draws on the
 * same budget. Each form sets its own limits.
 */
@Injectable()
export class FormRateLimiter {
  private readonly limiter: PostgresRateLimiter;

  constructor(tx: TransactionHost) {
    this.limiter = new PostgresRateLimiter(tx, { schema: 'lead', name: 'form_submission_limits' });
  }

  /** Null when the submission may go on; else the seconds to wait. */
  consume(formId: string, address: string, perAddress: number, perForm: number): Promise<number | null> {
    return this.limiter.consume({ kind: 'form-address', key: `${formId}:${address}`, points: perAddress }, { kind: 'form', key: formId, points: perForm });
  }
}
