import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ScoringRules } from '../../../domain/scoring.js';

/** Marketing replaces the scoring rules and grade thresholds [评分规则]; open leads are re-scored after commit. */
export class ReplaceScoringRulesCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly rules: ScoringRules,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
