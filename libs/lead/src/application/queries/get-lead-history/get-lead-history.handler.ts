import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadReader } from '../lead-reader.js';
import { GetLeadHistoryQuery, type HistoryItemView } from './get-lead-history.query.js';

interface HistoryRow {
  seq: string;
  event_id: string;
  occurred_at: Date;
  actor_id: string | null;
  what: string;
  pool_id: string | null;
  channel: string | null;
  why: string | null;
  how: string | null;
  score_change: number | null;
  detail: Record<string, unknown>;
}

@QueryHandler(GetLeadHistoryQuery)
export class GetLeadHistoryHandler implements IQueryHandler<GetLeadHistoryQuery> {
  constructor(
    private readonly reader: LeadReader,
    private readonly tx: TransactionHost,
    private readonly pools: LeadPoolRepository,
    private readonly users: UserDirectory,
  ) {}

  async execute({ actor, leadId, limit, cursor }: GetLeadHistoryQuery): Promise<Page<HistoryItemView>> {
    await this.reader.visibleRow(actor, leadId);
    const [afterSeq] = (decodeCursor(cursor, ['number']) ?? []) as number[];
    const rows = await this.tx.query<HistoryRow>(
      `SELECT seq, event_id, occurred_at, actor_id, what, pool_id, channel, why, how, score_change, detail
         FROM lead.history WHERE lead_id = $1 AND ($2::bigint IS NULL OR seq > $2::bigint) ORDER BY seq LIMIT $3`,
      [leadId, afterSeq ?? null, limit + 1],
    );
    const page = toPage(
      rows,
      limit,
      (row) => [Number(row.seq)],
      (row) => row,
    );
    const names = await this.users.displayNames(page.items.flatMap((row) => (row.actor_id ? [row.actor_id] : [])));
    const poolNames = await this.pools.names(page.items.flatMap((row) => (row.pool_id ? [row.pool_id] : [])));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        id: row.event_id,
        when: new Date(row.occurred_at).toISOString(),
        who: { id: row.actor_id ?? 'system', name: row.actor_id ? (names.get(row.actor_id) ?? null) : null },
        what: row.what,
        where: { poolId: row.pool_id, poolName: row.pool_id ? (poolNames.get(row.pool_id) ?? null) : null, channel: row.channel },
        why: row.why,
        how: row.how,
        howMuch: row.score_change,
        detail: row.detail,
      })),
    };
  }
}
