import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import type { ActivityType } from '../../../domain/opportunity.types.js';
import { GetOpportunityQuery } from '../get-opportunity/get-opportunity.query.js';
import { ListActivitiesQuery, type ActivityView } from './list-activities.query.js';

interface ActivityRow {
  id: string;
  opportunity_id: string;
  type: ActivityType;
  occurred_at: Date;
  summary: string;
  next_step: string | null;
  contact_ids: string[];
  author_id: string;
  follow_up_id: string;
  created_at: Date;
}

@QueryHandler(ListActivitiesQuery)
export class ListActivitiesHandler implements IQueryHandler<ListActivitiesQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, opportunityId, limit, cursor }: ListActivitiesQuery): Promise<Page<ActivityView>> {
    await this.queries.execute(new GetOpportunityQuery(actor, opportunityId));
    const before = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tx.query<ActivityRow>(
      `SELECT id, opportunity_id, type, occurred_at, summary, next_step, contact_ids, author_id, follow_up_id, created_at
         FROM opportunity.activities
        WHERE opportunity_id = $1 AND ($2::timestamptz IS NULL OR (occurred_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY occurred_at DESC, id DESC LIMIT $4`,
      [opportunityId, before?.[0] ?? null, before?.[1] ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.occurred_at.toISOString(), row.id],
      (row) => ({
        id: row.id,
        opportunityId: row.opportunity_id,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        summary: row.summary,
        nextStep: row.next_step,
        contactIds: row.contact_ids,
        authorId: row.author_id,
        followUpId: row.follow_up_id,
        createdAt: row.created_at.toISOString(),
      }),
    );
  }
}
