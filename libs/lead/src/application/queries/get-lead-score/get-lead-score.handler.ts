import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { LeadReader } from '../lead-reader.js';
import { GetLeadScoreQuery, type LeadScoreView, type ScoreChangeView } from './get-lead-score.query.js';

/** The latest changes shown with the score; the full record is the lead's history. */
const CHANGES_SHOWN = 100;

@QueryHandler(GetLeadScoreQuery)
export class GetLeadScoreHandler implements IQueryHandler<GetLeadScoreQuery> {
  constructor(
    private readonly reader: LeadReader,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, leadId }: GetLeadScoreQuery): Promise<LeadScoreView> {
    const row = await this.reader.visibleRow(actor, leadId);
    const changes = await this.tx.query<{ occurred_at: Date; actor_id: string | null; detail: Omit<ScoreChangeView, 'at' | 'by'> }>(
      `SELECT occurred_at, actor_id, detail FROM lead.history WHERE lead_id = $1 AND what = 'scored' ORDER BY seq DESC LIMIT $2`,
      [leadId, CHANGES_SHOWN],
    );
    return {
      leadId,
      score: row.score,
      grade: row.grade,
      tags: row.tags,
      rulesVersion: row.rules_version,
      scoredAt: row.scored_at ? new Date(row.scored_at).toISOString() : null,
      nextRescoreAt: row.next_rescore_at ? new Date(row.next_rescore_at).toISOString() : null,
      contributions: row.score_contributions,
      changes: changes.map(({ occurred_at, actor_id, detail }) => ({
        at: new Date(occurred_at).toISOString(),
        by: actor_id,
        cause: detail.cause,
        activityId: detail.activityId ?? null,
        fromScore: detail.fromScore,
        toScore: detail.toScore,
        fromGrade: detail.fromGrade,
        toGrade: detail.toGrade,
        rulesVersion: detail.rulesVersion,
        contributions: detail.contributions,
      })),
    };
  }
}
