import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, encodeCursor, type Page } from '@crm/platform';
import { SqlTargets } from '../../../infrastructure/sql-targets.js';
import { TargetReader } from '../../targets/target-reader.js';
import type { TargetView } from '../../targets/target-view.js';
import { ListTargetsQuery } from './list-targets.query.js';

/** Reads in batches and keeps the visible ones until the page is full (visibility depends on membership, asked of Identity). */
const BATCH = 200;

@QueryHandler(ListTargetsQuery)
export class ListTargetsHandler implements IQueryHandler<ListTargetsQuery> {
  constructor(
    private readonly targets: SqlTargets,
    private readonly reader: TargetReader,
  ) {}

  async execute({ actor, filters, limit, cursor }: ListTargetsQuery): Promise<Page<TargetView>> {
    let [after] = (decodeCursor(cursor, ['uuid']) ?? []) as (string | undefined)[];
    const items: TargetView[] = [];
    for (;;) {
      const batch = await this.targets.list(filters, after, BATCH);
      for (const view of await this.reader.visibleViews(actor, batch)) {
        items.push(view);
        if (items.length === limit + 1) break;
      }
      if (items.length > limit || batch.length < BATCH) break;
      after = batch[batch.length - 1]!.id;
    }
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }
}
