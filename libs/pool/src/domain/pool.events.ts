import type { DomainEvent } from '@crm/kernel';

/** Events of the Pool context; every one concerns a customer and so shows on its timeline. */
export function poolEvent(name: string, customerId: string, payload: Record<string, unknown>): DomainEvent {
  return { type: `pool.${name}`, version: 1, aggregateType: 'pool-customer', aggregateId: customerId, customerId, payload: { customerId, ...payload } };
}
