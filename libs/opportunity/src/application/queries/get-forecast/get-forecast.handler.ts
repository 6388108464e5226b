import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RequestValidationException, TransactionHost } from '@crm/platform';
import { parsePeriod, periodsBetween } from '../../../domain/periods.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { forecastAnswerStatement, forecastOwners } from '../../reports/forecast-figures.js';
import { reportOwners } from '../../reports/report-owners.js';
import { GetForecastQuery, type ForecastAnswer } from './get-forecast.query.js';

/** At most three years of months in one answer. */
const MAX_PERIODS = 36;

@QueryHandler(GetForecastQuery)
export class GetForecastHandler implements IQueryHandler<GetForecastQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly people: OpportunityPeople,
  ) {}

  async execute({ actor, request }: GetForecastQuery): Promise<ForecastAnswer> {
    const periods = periodsBetween(request.from, request.to);
    if (!periods || parsePeriod(request.from)!.kind !== request.period || periods.length > MAX_PERIODS) {
      throw new RequestValidationException([
        {
          field: 'to',
          code: 'periodRange',
          message: `from and to are ${request.period} keys (${request.period === 'month' ? '2026-01' : '2026-Q1'}), from not after to, at most ${MAX_PERIODS} periods`,
        },
      ]);
    }
    const owners = await reportOwners(actor, request, this.people);
    const start = parsePeriod(periods[0]!)!.start;
    const end = parsePeriod(periods[periods.length - 1]!)!.end;
    // Team or department: each owner's group from Identity, passed to the statement (the rows stay in SQL).
    let groups: { ownerIds: string[]; groupIds: (string | null)[] } | 'total' | null = request.groupBy === 'total' ? 'total' : null;
    if (request.groupBy === 'team' || request.groupBy === 'department') {
      const ownerIds = await forecastOwners(this.tx, { owners, start, end, periods });
      const placements = await this.people.placements(ownerIds);
      const groupOf = (ownerId: string) => (request.groupBy === 'team' ? placements.get(ownerId)?.teamId : placements.get(ownerId)?.departmentId) ?? null;
      groups = { ownerIds, groupIds: ownerIds.map(groupOf) };
    }
    const statement = forecastAnswerStatement({ owners, kind: request.period, start, end, periods, groupBy: request.groupBy, groups });
    const [found] = await this.tx.query<{ answer: ForecastAnswer }>(statement.text, statement.values);
    return found!.answer;
  }
}
