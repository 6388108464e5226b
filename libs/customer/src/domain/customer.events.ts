import type { FieldChanges } from '@crm/kernel';
import { CustomerEvents } from '../contracts/events.js';
import type { CustomerState } from './customer.state.js';
import type { FollowUp } from './follow-up.js';

/** The Customer aggregate's events, built from the declarations in the context's contracts. */
export function customerCreated(state: CustomerState, requestedOwnerId: string | null) {
  return CustomerEvents.created.create(state.id, {
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
    ownerId: requestedOwnerId,
    createdBy: state.createdBy,
  });
}

export function customerUpdated(id: string, changes: FieldChanges) {
  return CustomerEvents.updated.create(id, { customerId: id, changes });
}

export function customerFollowedUp(followUp: FollowUp) {
  return CustomerEvents.followedUp.create(followUp.customerId, {
    customerId: followUp.customerId,
    followUpId: followUp.id,
    authorId: followUp.authorId,
    channel: followUp.channel,
    summary: followUp.content.slice(0, 200),
    occurredAt: followUp.occurredAt.toISOString(),
    nextFollowUpAt: followUp.nextFollowUpAt?.toISOString() ?? null,
  });
}
