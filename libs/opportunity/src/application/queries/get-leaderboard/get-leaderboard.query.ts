import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export const LEADERBOARD_SCOPES = ['company', 'department', 'team'] as const;
export type LeaderboardScope = (typeof LEADERBOARD_SCOPES)[number];

export interface LeaderboardView {
  metric: string;
  period: string;
  scope: LeaderboardScope;
  entries: { rank: number; userId: string; displayName: string; value: string }[];
}

/** The leaderboard [排行榜]: people ranked by one figure in one period, among the company, the caller's department or team. */
export class GetLeaderboardQuery extends Query<LeaderboardView> {
  constructor(
    readonly actor: Actor,
    readonly metric: 'won-amount' | 'won-count' | 'new-customers',
    readonly period: string,
    readonly scope: LeaderboardScope,
  ) {
    super();
  }
}
