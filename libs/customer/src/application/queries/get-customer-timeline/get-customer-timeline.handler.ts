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

/**
 * The statement a page of a customer's timeline is read with (also sent directly by the
 * benchmark). Two shapes, so that the page after a cursor always starts with an index seek to the
 * cursor on `timeline_customer_idx (customer_id, occurred_at DESC, event_id DESC)`, however deep
 * it is and whatever plan the server caches: a `cursor IS NULL OR (…)` condition is a seek only
 * when the server plans it with the cursor's values, and a generic plan of it reads every entry
 * newer than the cursor first.
 */
export function timelinePageStatement(customerId: string, limit: number, after: readonly [string, string] | undefined): { text: string; values: unknown[] } {
  const select = `SELECT event_id, type, occurred_at, actor_id, payload FROM customer.timeline_entries`;
  const order = `ORDER BY occurred_at DESC, event_id DESC`;
  if (!after) return { text: `${select} WHERE customer_id = $1 ${order} LIMIT $2`, values: [customerId, limit + 1] };
  return {
    text: `${select} WHERE customer_id = $1 AND (occurred_at, event_id) < ($2::timestamptz, $3::uuid) ${order} LIMIT $4`,
    values: [customerId, after[0], after[1], limit + 1],
  };
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
    const statement = timelinePageStatement(customerId, limit, decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined);
    const rows = await this.tx.query<TimelineRow>(statement.text, statement.values);
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
