import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { WebhookErrors } from '../../../domain/webhook.errors.js';
import { ListDeliveriesQuery, type DeliveryView } from './list-deliveries.query.js';

@QueryHandler(ListDeliveriesQuery)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveriesQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ subscriptionId, status, limit, cursor }: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    const [beforeSeq] = (decodeCursor(cursor, ['string']) ?? []) as string[];
    if (beforeSeq !== undefined && !/^\d{1,18}$/.test(beforeSeq)) throw WebhookErrors.deliveryNotFound();
    const exists = await this.tx.queryOne(`SELECT 1 FROM webhook.subscriptions WHERE id = $1`, [subscriptionId]);
    if (!exists) throw WebhookErrors.subscriptionNotFound();
    // The order names the table's column: a bare `seq` would be the selected text (`9` after `10`, skipping a page).
    const rows = await this.tx.query<DeliveryView & { seq: string }>(
      `SELECT seq::text AS seq, id, event_id AS "eventId", event_type AS "eventType", customer_id AS "customerId", status, attempts,
              last_status_code AS "lastStatusCode", last_latency_ms AS "lastLatencyMs", last_error AS "lastError",
              last_attempt_at AS "lastAttemptAt", CASE WHEN status = 'pending' THEN next_attempt_at END AS "nextAttemptAt",
              delivered_at AS "deliveredAt", created_at AS "createdAt"
         FROM webhook.deliveries
        WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR seq < $3::bigint)
        ORDER BY deliveries.seq DESC LIMIT $4`,
      [subscriptionId, status ?? null, beforeSeq ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.seq],
      ({ seq: _seq, ...view }) => view,
    );
  }
}
