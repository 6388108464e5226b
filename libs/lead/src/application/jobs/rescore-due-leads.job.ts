import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@crm/platform';
import { LeadScoringRules } from '../../domain/scoring-rules.port.js';
import { LeadScorer } from '../lead-scorer.js';

const BATCH = 500;

/**
 * Behaviour windows that expire lower scores on schedule (LEAD-3): open leads whose next window
 * expiry (`next_rescore_at`) has passed are re-scored in short batches, each its own transaction,
 * rows taken with SKIP LOCKED so several workers share the work and edits are never held up long.
 */
@Injectable()
export class RescoreDueLeadsJob {
  private readonly logger = new Logger('RescoreDueLeads');

  constructor(
    private readonly rules: LeadScoringRules,
    private readonly scorer: LeadScorer,
    private readonly uow: UnitOfWork,
  ) {}

  /** Re-scores everything due now; returns how many leads it looked at. */
  async run(batchSize = BATCH): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.uow.run(async () => {
        const now = new Date();
        const { taken } = await this.scorer.rescoreBatch({ kind: 'window-expired', now }, await this.rules.current(), batchSize, true, now);
        return taken;
      });
      total += taken;
      // Rows other workers hold are skipped, so a short batch does not mean nothing is left.
      if (taken === 0) break;
    }
    if (total > 0) this.logger.log(`Re-scored ${total} leads whose behaviour windows expired`);
    return total;
  }
}
