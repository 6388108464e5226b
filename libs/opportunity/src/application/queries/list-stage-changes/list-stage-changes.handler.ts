import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { GetOpportunityQuery } from '../get-opportunity/get-opportunity.query.js';
import { ListStageChangesQuery, type StageChangeView } from './list-stage-changes.query.js';

interface StageChangeRow {
  id: string;
  from_stage_id: string | null;
  from_stage_name: string | null;
  to_stage_id: string;
  to_stage_name: string;
  probability: number;
  probability_reason: string | null;
  amount: string | null;
  changed_at: Date;
  changed_by: string;
  seconds_in_previous_stage: string | null;
  cause: StageChangeView['cause'];
}

@QueryHandler(ListStageChangesQuery)
export class ListStageChangesHandler implements IQueryHandler<ListStageChangesQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, opportunityId, limit, cursor }: ListStageChangesQuery): Promise<Page<StageChangeView>> {
    await this.queries.execute(new GetOpportunityQuery(actor, opportunityId));
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tx.query<StageChangeRow>(
      `SELECT id, from_stage_id, from_stage_name, to_stage_id, to_stage_name, probability, probability_reason, amount::text AS amount,
              changed_at, changed_by, seconds_in_previous_stage, cause
         FROM opportunity.stage_changes
        WHERE opportunity_id = $1 AND ($2::timestamptz IS NULL OR (changed_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY changed_at, id LIMIT $4`,
      [opportunityId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.changed_at.toISOString(), row.id],
      (row) => ({
        id: row.id,
        fromStage: row.from_stage_id ? { id: row.from_stage_id, name: row.from_stage_name ?? '' } : null,
        toStage: { id: row.to_stage_id, name: row.to_stage_name },
        probability: row.probability,
        probabilityReason: row.probability_reason,
        amount: row.amount,
        changedAt: row.changed_at.toISOString(),
        changedBy: row.changed_by,
        secondsInPreviousStage: row.seconds_in_previous_stage === null ? null : Number(row.seconds_in_previous_stage),
        cause: row.cause,
      }),
    );
  }
}
