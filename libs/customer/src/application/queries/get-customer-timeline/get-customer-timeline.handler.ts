import { QueryHandler, QueryBus, type IQueryHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { GetCustomerQuery } from '../get-customer/get-customer.query.js';
import { GetCustomerTimelineQuery, type TimelineEntryView } from './get-customer-timeline.query.js';

interface TimelineRow {
  event_id: string;
  type: string;
  occurred_at: Date;
  actor_id: string | null;
  payload: Record<string, unknown>;
}

@QueryHandler(GetCustomerTimelineQuery)
export class GetCustomerTimelineHandler implements IQueryHandler<GetCustomerTimelineQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
    private readonly identity: UserDirectory,
  ) {}

  async execute({ actor, customerId, limit, cursor }: GetCustomerTimelineQuery): Promise<Page<TimelineEntryView>> {
    await this.queries.execute(new GetCustomerQuery(actor, customerId));
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tx.query<TimelineRow>(
      `SELECT event_id, type, occurred_at, actor_id, payload FROM customer.timeline_entries
        WHERE customer_id = $1 AND ($2::timestamptz IS NULL OR (occurred_at, event_id) < ($2::timestamptz, $3::uuid))
        ORDER BY occurred_at DESC, event_id DESC
        LIMIT $4`,
      [customerId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const names = await this.identity.displayNames(rows.map((row) => row.actor_id ?? ''));
    return toPage(
      rows,
      limit,
      (row) => [row.occurred_at.toISOString(), row.event_id],
      (row) => ({
        eventId: row.event_id,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        actor: { id: row.actor_id, name: row.actor_id ? (names.get(row.actor_id) ?? null) : null },
        payload: row.payload,
      }),
    );
  }
}
