import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import type { RescoreCursor } from '../../../domain/leads.port.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { LeadScorer } from '../../lead-scorer.js';
import { RescoreOpenLeadsCommand } from './rescore-open-leads.command.js';

/**
 * Runs outside the caller's transaction (the event dispatcher's, for the reaction to a rule
 * change): every batch commits on its own, so locks are held for one batch and a crash loses at
 * most the batches in flight. The work left is simply the open leads still on older rules, so a
 * redelivered rule change, another process or the scheduler picks up where it stopped, and a lead
 * re-scored for a version is never taken again for it (its row no longer matches once committed).
 */
@CommandHandler(RescoreOpenLeadsCommand)
export class RescoreOpenLeadsHandler implements ICommandHandler<RescoreOpenLeadsCommand> {
  constructor(
    private readonly rules: LeadScoringRules,
    private readonly scorer: LeadScorer,
    private readonly uow: UnitOfWork,
    private readonly tx: TransactionHost,
  ) {}

  execute({ batchSize, lanes }: RescoreOpenLeadsCommand): Promise<{ rescored: number }> {
    return this.tx.detached(async () => {
      // Lanes side by side take batches with SKIP LOCKED and leapfrog each other along the index.
      const taken = await Promise.all(Array.from({ length: lanes }, () => this.pass(batchSize, true)));
      // A lead an edit (or another worker) held was skipped: a last pass waits for such locks, and
      // finds nothing to do when the other worker has re-scored them meanwhile.
      const sweep = await this.pass(batchSize, false);
      return { rescored: taken.reduce((sum, n) => sum + n, 0) + sweep };
    });
  }

  /** Batch after batch from the start of the stale leads, each its own transaction, until none is left. */
  private async pass(batchSize: number, skipLocked: boolean): Promise<number> {
    let after: RescoreCursor | undefined;
    let total = 0;
    for (;;) {
      const { taken, last } = await this.uow.run(async () => {
        // Always the rules in force now: two quick changes re-score once, with the later rules.
        const rules = await this.rules.current();
        return this.scorer.rescoreBatch({ kind: 'stale-rules', rulesVersion: rules.version, after }, rules, batchSize, skipLocked, new Date());
      });
      // Rows that failed the lock's re-check (re-scored meanwhile) shorten a batch; only an empty one ends the pass.
      if (taken === 0) return total;
      total += taken;
      after = last;
    }
  }
}
