import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TransactionHost } from '../database/transaction-host.js';

/** Idempotency keys are kept for 24 hours, like Stripe's; older ones are purged in small batches. */
@Injectable()
export class PurgeIdempotencyKeysJob {
  private readonly logger = new Logger('PurgeIdempotencyKeys');

  constructor(private readonly tx: TransactionHost) {}

  @Cron(CronExpression.EVERY_HOUR)
  async run(): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.tx.execute(
        `DELETE FROM platform.idempotency_keys WHERE ctid IN (
           SELECT ctid FROM platform.idempotency_keys
            WHERE created_at < now() - interval '24 hours' LIMIT 5000 FOR UPDATE SKIP LOCKED)`,
      );
      purged += batch.rowCount;
      if (batch.rowCount < 5000) break;
    }
    if (purged > 0) this.logger.log(`Purged ${purged} expired idempotency keys`);
    return purged;
  }
}
