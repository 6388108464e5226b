import { Query } from '@nestjs/cqrs';
import type { ScoringRules } from '../../../domain/scoring.js';

/** The scoring rules and grade thresholds in force [评分规则], with their version. */
export class GetScoringRulesQuery extends Query<ScoringRules & { version: number }> {}
