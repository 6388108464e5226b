import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, TransactionHost, type AppConfig } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { parsePeriod } from '../../../domain/periods.js';
import { rankByValue } from '../../../domain/ranking.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { wonFigures } from '../../reports/won-figures.js';
import { GetLeaderboardQuery, type LeaderboardView } from './get-leaderboard.query.js';

/**
 * A leaderboard shows everyone in it by name and value, whatever the caller's data scope: that is its
 * point. It shows nothing else: no opportunity, customer or amount per deal, so a rep learns colleagues'
 * totals and never their opportunities. Team and department boards list every member (zeros included);
 * the company board lists everyone with a win in the period.
 */
@QueryHandler(GetLeaderboardQuery)
export class GetLeaderboardHandler implements IQueryHandler<GetLeaderboardQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly people: OpportunityPeople,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, metric, period, scope }: GetLeaderboardQuery): Promise<LeaderboardView> {
    const range = parsePeriod(period);
    if (!range) throw OpportunityErrors.invalidTarget('The period is a year (2026), a quarter (2026-Q1) or a month (2026-01).');
    let members: string[] | null = null;
    if (scope === 'team') members = actor.teamId ? await this.people.membersOf({ teamId: actor.teamId }) : [actor.id];
    if (scope === 'department') members = actor.departmentId ? await this.people.membersOf({ departmentId: actor.departmentId }) : [actor.id];
    const figures = await wonFigures(this.tx, { owners: members, start: range.start, end: range.end, timeZone: this.config.timeZone });
    const valueOf = (userId: string) => {
      const figure = figures.get(userId);
      if (metric === 'won-amount') return figure?.wonAmount ?? '0.00';
      return String((metric === 'won-count' ? figure?.wonCount : figure?.newCustomers) ?? 0);
    };
    const userIds = members ?? [...figures.keys()];
    const names = await this.people.displayNames(userIds);
    const ranked = rankByValue(
      userIds.map((userId) => ({ userId, displayName: names.get(userId) ?? '', value: valueOf(userId) })),
      (a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId),
    );
    return { metric, period, scope, entries: ranked.map(({ rank, entry }) => ({ rank, ...entry })) };
  }
}
