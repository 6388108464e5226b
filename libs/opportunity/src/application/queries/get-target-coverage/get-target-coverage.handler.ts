import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { coverageRatio, remainingGap } from '../../../domain/report-figures.js';
import { TargetReader } from '../../targets/target-reader.js';
import { periodOf } from '../../targets/target-view.js';
import { GetTargetCoverageQuery, type TargetCoverageView } from './get-target-coverage.query.js';

/**
 * The gap is target − won so far (not below 0); the pipeline is the subject's open opportunities
 * expected to close in the period (omitted stages left out), weighted by probability; coverage is
 * weighted pipeline / gap (×, two decimals), null once the target is reached.
 */
@QueryHandler(GetTargetCoverageQuery)
export class GetTargetCoverageHandler implements IQueryHandler<GetTargetCoverageQuery> {
  constructor(
    private readonly reader: TargetReader,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, targetId }: GetTargetCoverageQuery): Promise<TargetCoverageView> {
    const { target, members } = await this.reader.visible(actor, targetId);
    if (target.metric !== 'won-amount') throw OpportunityErrors.coverageNeedsAmount();
    const view = await this.reader.view(target, members);
    const range = periodOf(target);
    const [open] = await this.tx.query<{ count: number; amount: string; weighted: string }>(
      `SELECT count(*)::int AS count, coalesce(sum(o.amount), 0)::numeric(20, 2)::text AS amount,
              round(coalesce(sum(o.amount * coalesce(o.probability_override, s.probability)) / 100, 0), 2)::text AS weighted
         FROM opportunity.opportunities o JOIN opportunity.stages s ON s.id = o.stage_id
        WHERE o.status = 'open' AND s.forecast_category <> 'omitted' AND o.owner_id = ANY($1::uuid[])
          AND o.expected_close_date >= $2::date AND o.expected_close_date < $3::date`,
      [members, range.start, range.end],
    );
    const gap = remainingGap(view.value, view.achieved!);
    return {
      targetId: target.id,
      period: target.period,
      value: view.value,
      achieved: view.achieved!,
      gap,
      openCount: open!.count,
      openAmount: open!.amount,
      openWeightedAmount: open!.weighted,
      coverage: coverageRatio(open!.weighted, gap),
    };
  }
}
