import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import type { ScoringRules } from '../../../domain/scoring.js';
import { GetScoringRulesQuery } from './get-scoring-rules.query.js';

@QueryHandler(GetScoringRulesQuery)
export class GetScoringRulesHandler implements IQueryHandler<GetScoringRulesQuery> {
  constructor(private readonly rules: LeadScoringRules) {}

  async execute(): Promise<ScoringRules & { version: number }> {
    const { rules, version } = await this.rules.current();
    return { ...rules, version };
  }
}
