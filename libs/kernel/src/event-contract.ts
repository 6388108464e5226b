import type { DECLARED_EVENT, DomainEvent } from './domain-event.js';

/**
 * An integration event declared once, in its context's `contracts/`: name, version, aggregate
 * and payload type together. The emitter creates events through it and every reaction subscribes
 * and reads payloads through it, so a type is never spelled twice and a payload is never cast.
 */
export interface EventContract<P extends object> {
  /** Dotted name without version, e.g. `pool.customer-protected`. */
  readonly name: string;
  readonly version: number;
  /** Versioned name as it travels: `pool.customer-protected.v1` (NATS subject `crm.<type>`). */
  readonly type: string;
  readonly aggregateType: string;
  readonly description: string;
  /** The event, with the customer it concerns taken from the payload when the contract says where. */
  create(aggregateId: string, payload: P): DomainEvent<P>;
  /** Narrows a delivered event (any envelope with `type` and `payload`) to this contract's payload. */
  matches<E extends { type: string; payload: unknown }>(event: E): event is E & { payload: P };
}

export interface EventContractOptions<P extends object> {
  aggregateType: string;
  description: string;
  /** Where the payload names the customer the event concerns (for the customer 360 timeline). */
  customerId?: (payload: P) => string | null;
}

const declared = new Map<string, EventContract<object>>();

export function defineEvent<P extends object>(name: string, version: number, options: EventContractOptions<P>): EventContract<P> {
  if (!/^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/.test(name)) throw new Error(`Event name ${name} is not dotted kebab-case.`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`Event ${name} needs a whole version from 1.`);
  const type = `${name}.v${version}`;
  if (declared.has(type)) throw new Error(`Event ${type} is declared twice.`);
  const contract: EventContract<P> = {
    name,
    version,
    type,
    aggregateType: options.aggregateType,
    description: options.description,
    create: (aggregateId, payload) => ({
      // The brand exists in types only: declarations are the one way to make an event.
      ...({} as { [DECLARED_EVENT]: true }),
      type,
      version,
      aggregateType: options.aggregateType,
      aggregateId,
      customerId: options.customerId?.(payload) ?? null,
      payload,
    }),
    matches: <E extends { type: string; payload: unknown }>(event: E): event is E & { payload: P } => event.type === type,
  };
  declared.set(type, contract as EventContract<object>);
  return contract;
}

/**
 * Every event declared by the contexts loaded in this process: the source the AsyncAPI catalogue is checked against.
 * @public
 */
export function declaredEvents(): EventContract<object>[] {
  return [...declared.values()];
}
