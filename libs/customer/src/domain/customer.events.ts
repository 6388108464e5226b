import type { DomainEvent, FieldChanges } from '@crm/kernel';
import type { CustomerState } from './customer.state.js';
import type { FollowUp } from './follow-up.js';

/** Event names of the Customer context; the versioned names are in the context's contracts. */
export const CUSTOMER_AGGREGATE = 'customer';

export function customerCreated(state: CustomerState): DomainEvent {
  return {
    type: 'customer.created',
    version: 1,
    aggregateType: CUSTOMER_AGGREGATE,
    aggregateId: state.id,
    customerId: state.id,
    payload: {
      customerId: state.id,
      kind: state.kind,
      name: state.name,
      shortName: state.shortName,
      industry: state.industry,
      creditCode: state.creditCode,
      country: state.country,
      province: state.province,
      city: state.city,
      size: state.size,
      type: state.type,
      grade: state.grade,
      phone: state.phone,
      email: state.email,
      parentId: state.parentId,
      ownerId: state.ownerId,
      status: state.status,
    },
  };
}

export function customerUpdated(id: string, changes: FieldChanges): DomainEvent {
  return {
    type: 'customer.updated',
    version: 1,
    aggregateType: CUSTOMER_AGGREGATE,
    aggregateId: id,
    customerId: id,
    payload: { customerId: id, changes },
  };
}

export function customerFollowedUp(followUp: FollowUp): DomainEvent {
  return {
    type: 'customer.followed-up',
    version: 1,
    aggregateType: CUSTOMER_AGGREGATE,
    aggregateId: followUp.customerId,
    customerId: followUp.customerId,
    payload: {
      customerId: followUp.customerId,
      followUpId: followUp.id,
      authorId: followUp.authorId,
      channel: followUp.channel,
      summary: followUp.content.slice(0, 200),
      occurredAt: followUp.occurredAt.toISOString(),
      nextFollowUpAt: followUp.nextFollowUpAt?.toISOString() ?? null,
    },
  };
}
