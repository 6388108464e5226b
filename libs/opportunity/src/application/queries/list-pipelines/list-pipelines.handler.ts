import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { PIPELINE_VIEW_COLUMNS, toPipelineView, type PipelineRow, type PipelineView } from '../pipeline-view.js';
import { ListPipelinesQuery } from './list-pipelines.query.js';

@QueryHandler(ListPipelinesQuery)
export class ListPipelinesHandler implements IQueryHandler<ListPipelinesQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ limit, cursor }: ListPipelinesQuery): Promise<Page<PipelineView>> {
    const [afterRank, afterId] = (decodeCursor(cursor, ['number', 'uuid']) ?? [null, null]) as [number | null, string | null];
    // Rank 0 is the default pipeline, 1 every other: (rank, id) is the keyset.
    const rows = await this.tx.query<PipelineRow & { rank: number }>(
      `SELECT ${PIPELINE_VIEW_COLUMNS}, CASE WHEN p.is_default THEN 0 ELSE 1 END AS rank FROM opportunity.pipelines p
        WHERE $1::int IS NULL OR (CASE WHEN p.is_default THEN 0 ELSE 1 END, p.id) > ($1::int, $2::uuid)
        ORDER BY rank, p.id LIMIT $3`,
      [afterRank, afterId, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.rank, row.id],
      (row) => toPipelineView(row),
    );
  }
}
