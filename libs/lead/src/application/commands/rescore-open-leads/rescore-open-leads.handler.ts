import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { LeadScorer } from '../../lead-scorer.js';
import { RescoreOpenLeadsCommand } from './rescore-open-leads.command.js';

@CommandHandler(RescoreOpenLeadsCommand)
export class RescoreOpenLeadsHandler implements ICommandHandler<RescoreOpenLeadsCommand> {
  constructor(
    private readonly rules: LeadScoringRules,
    private readonly scorer: LeadScorer,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ batchSize }: RescoreOpenLeadsCommand): Promise<{ rescored: number }> {
    // Always the rules in force now: two quick changes re-score once, with the later rules.
    const rules = await this.rules.current();
    let rescored = 0;
    for (;;) {
      const taken = await this.scorer.rescoreBatch({ kind: 'stale-rules', rulesVersion: rules.version }, rules, batchSize, false, new Date());
      rescored += taken;
      // Each batch's events (and their history rows) are written as the batch ends, not held to the end.
      await this.uow.flush();
      // A short batch does not mean the end: a lead an edit held may have dropped out of it.
      if (taken === 0) return { rescored };
    }
  }
}
