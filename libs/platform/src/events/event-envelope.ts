/**
 * How every domain event travels: to in-process reactions, to NATS JetStream and through
 * `GET /api/v1/events`. Flat, versioned and primitive-only in its payload.
 */
export interface EventEnvelope<P = Record<string, unknown>> {
  /** UUIDv7: unique, roughly time-ordered; also the NATS message id for de-duplication. */
  id: string;
  /** Versioned name, e.g. `customer.created.v1`. */
  type: string;
  version: number;
  occurredAt: string;
  aggregateType: string;
  aggregateId: string;
  /** The customer the event concerns, when there is one. */
  customerId: string | null;
  /** The user who caused it, or `system` for scheduled work. */
  actor: string | null;
  /** Shared by everything one request (and the reactions it set off) did. */
  correlationId: string | null;
  /** The event whose reaction raised this one. */
  causationId: string | null;
  payload: P;
}

export interface EventRow {
  seq: string;
  id: string;
  type: string;
  version: number;
  occurred_at: Date;
  aggregate_type: string;
  aggregate_id: string;
  customer_id: string | null;
  actor_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  payload: Record<string, unknown>;
  tx_id: string;
}

export const EVENT_COLUMNS =
  'seq, id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, correlation_id, causation_id, payload, tx_id::text AS tx_id';

export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: new Date(row.occurred_at).toISOString(),
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    customerId: row.customer_id,
    actor: row.actor_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    payload: row.payload,
  };
}

/**
 * For a read of the partitioned log in index order with a LIMIT: the newest rows are always past
 * the statistics, so the planner thinks few rows follow a cursor and would gather them all from
 * each partition and sort them. Without sorting, it merges the partitions' indexes and stops at the
 * limit (ADR 0010). Call inside the reading transaction.
 */
export const READ_LOG_IN_INDEX_ORDER = `SET LOCAL enable_sort = off`;

/**
 * `select` (a fixed statement, no parameters) planned without sorting as above, then sorting back
 * on for the rest of the transaction: three statements in one round trip (`TransactionHost.script`).
 * Answers the select's rows.
 */
export async function readLogInIndexOrder<T>(tx: { script(sql: string): Promise<Record<string, unknown>[][]> }, select: string): Promise<T[]> {
  const results = await tx.script(`${READ_LOG_IN_INDEX_ORDER}; ${select}; RESET enable_sort`);
  return results[1] as T[];
}

/**
 * How many events the next batch of an outbox loop (dispatch, NATS relay) takes. Each batch's
 * query walks the log's partial index from its head, over the entries of events handled since the
 * last vacuum; behind a backlog (a million customers recycled at once) that walk costs more than
 * the batch's own rows. A batch that came back full therefore means a backlog, and the next one
 * takes `backlog` events, so the walk is paid once for many; a batch that was not full goes back to
 * `steady`, which keeps each transaction (and the row locks its reactions take) short.
 */
export function nextBatchSize(taken: number, limit: number, sizes: { steady: number; backlog: number }): number {
  return taken > 0 && taken >= limit ? sizes.backlog : sizes.steady;
}
