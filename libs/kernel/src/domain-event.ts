/**
 * A fact that happened inside an aggregate. The platform wraps it in an envelope (id, time,
 * actor, correlation) when it is written to the outbox in the same transaction as the change.
 * Made only by an {@link EventContract}'s `create`, so its type and payload always match a declaration.
 */
/** Set only by `defineEvent(...).create`: an event spelled by hand does not type-check. */
export declare const DECLARED_EVENT: unique symbol;

export interface DomainEvent<P extends object = object> {
  readonly [DECLARED_EVENT]: true;
  /** Versioned name, e.g. `customer.created.v1`. */
  readonly type: string;
  readonly version: number;
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** The customer this event concerns, when there is one: it feeds the customer 360 timeline. */
  readonly customerId?: string | null;
  readonly payload: P;
}

/** `before`/`after` of each field an update touched. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (!same) changes[String(field)] = { from, to };
  }
  return changes;
}
