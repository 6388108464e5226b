import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { Contribution } from '../../../domain/scoring.js';

/** One change of a lead's score: when, why, from what to what, and every rule that fired then. */
export interface ScoreChangeView {
  at: string;
  by: string | null;
  cause: string;
  activityId: string | null;
  fromScore: number | null;
  toScore: number;
  fromGrade: string | null;
  toGrade: string;
  rulesVersion: number;
  contributions: Contribution[];
}

/** The explained score [评分明细]: current score, grade and contributions, and each change, newest first. */
export interface LeadScoreView {
  leadId: string;
  score: number;
  grade: string;
  tags: string[];
  rulesVersion: number;
  scoredAt: string | null;
  nextRescoreAt: string | null;
  contributions: Contribution[];
  changes: ScoreChangeView[];
}

export class GetLeadScoreQuery extends Query<LeadScoreView> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
  ) {
    super();
  }
}
