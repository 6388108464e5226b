import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved, UnitOfWork } from '@crm/platform';
import { LeadEvents } from '../../../contracts/events.js';
import { checkScoringRules } from '../../../domain/scoring.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { ReplaceScoringRulesCommand } from './replace-scoring-rules.command.js';

/** The scoring rules' aggregate id in events (there is one set of rules). */
const SCORING_RULES_ID = '00000000-0000-7000-8000-0000000000b2';

@CommandHandler(ReplaceScoringRulesCommand)
export class ReplaceScoringRulesHandler implements ICommandHandler<ReplaceScoringRulesCommand> {
  constructor(
    private readonly rules: LeadScoringRules,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, rules, expectedVersion }: ReplaceScoringRulesCommand): Promise<{ version: number }> {
    const current = await this.rules.current();
    assertIfMatch('scoring rules', expectedVersion, current.version);
    const checked = checkScoringRules(rules);
    const version = await this.rules.replace(checked, actor.id, current.version);
    await assertSaved(version !== undefined, 'scoring rules', expectedVersion, () => this.rules.current().then((latest) => latest.version));
    this.uow.raise(
      LeadEvents.scoringRulesChanged.create(SCORING_RULES_ID, {
        version: version!,
        ruleIds: checked.rules.map((rule) => rule.id),
        grades: checked.grades,
        defaultGrade: checked.defaultGrade,
      }),
    );
    return { version: version! };
  }
}
