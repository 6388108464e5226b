import { Injectable } from '@nestjs/common';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { TransactionHost } from '@crm/platform';

const WINDOW_SECONDS = 60;
const PURGE_EVERY_MS = 5 * 60_000;

/**
 * Submissions per minute to one form, per client address and in all, counted in PostgreSQL
 * (lead.form_submission_limits, rate-limiter-flexible's store) so every API replica draws on the
 * same budget. Each form sets its own limits; a limiter per distinct limit is kept.
 */
@Injectable()
export class FormRateLimiter {
  private readonly limiters = new Map<string, RateLimiterPostgres>();
  private lastPurge = Date.now();

  constructor(private readonly tx: TransactionHost) {}

  /** Null when the submission may go on; else the seconds to wait. */
  async consume(formId: string, address: string, perAddress: number, perForm: number): Promise<number | null> {
    try {
      await this.limiter('form-address', perAddress).consume(`${formId}:${address}`);
      await this.limiter('form', perForm).consume(formId);
      this.purgeNowAndThen();
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  }

  private limiter(kind: string, points: number): RateLimiterPostgres {
    const name = `${kind}:${points}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        // Outside any transaction, on the application's own pool.
        storeClient: { query: ({ text, values }: { text: string; values?: unknown[] }) => this.tx.execute(text, values ?? []) },
        storeType: 'client',
        schemaName: 'lead',
        tableName: 'form_submission_limits',
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: kind,
        points,
        duration: WINDOW_SECONDS,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.tx.execute(`DELETE FROM lead.form_submission_limits WHERE expire < $1`, [Date.now() - WINDOW_SECONDS * 1000]).catch(() => undefined);
  }
}
