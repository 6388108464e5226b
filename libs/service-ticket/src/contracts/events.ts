import { defineEvent } from '@crm/kernel';

/** Every ticket event names the ticket and its customer: tickets show on the customer 360 timeline. */
export interface TicketRefV1 {
  ticketId: string;
  number: string;
  customerId: string;
}

export interface TicketCreatedV1 extends TicketRefV1 {
  contactId: string | null;
  typeId: string;
  typePath: string[];
  title: string;
  priority: string;
  channel: string;
  status: string;
  teamId: string | null;
  handlerId: string | null;
  productId: string | null;
  orderId: string | null;
  contractId: string | null;
  /** The eligibility verdict [服务资格]: true, false (accepted flagged), null (not checked for this type). */
  eligible: boolean | null;
  /** `staff` or `self-service`. */
  createdVia: string;
  createdBy: string | null;
}

export interface TicketStatusChangedV1 extends TicketRefV1 {
  from: string;
  to: string;
  /** When the status changed (ISO 8601): SLA clocks are replayed from these. */
  at: string;
  /** The user (or, for self-service, the contact) who changed it; null for the system. */
  by: string | null;
  byKind: string;
  reason: string | null;
}

export interface TicketAssignedV1 extends TicketRefV1 {
  teamId: string | null;
  handlerId: string | null;
  previousHandlerId: string | null;
  /** `rule` (automatic), `manual`, `grab` [抢单]. */
  how: string;
  ruleId: string | null;
  by: string | null;
}

export interface TicketEscalatedV1 extends TicketRefV1 {
  tier: number;
  fromHandlerId: string | null;
  toHandlerId: string;
  reason: string;
  /** `manual`, `sla-warning` or `sla-breach`. */
  trigger: string;
  by: string | null;
}

export interface TicketTransferredV1 extends TicketRefV1 {
  fromTeamId: string | null;
  toTeamId: string | null;
  fromHandlerId: string | null;
  toHandlerId: string | null;
  reason: string;
  by: string;
}

export interface WorkOrderEventV1 extends TicketRefV1 {
  workOrderId: string;
  technicianId: string;
  status: string;
}

const about = { aggregateType: 'ticket', customerId: (payload: TicketRefV1) => payload.customerId };

export const TicketEvents = {
  created: defineEvent<TicketCreatedV1>('ticket.created', 1, {
    ...about,
    description: 'A ticket [工单] was filed by staff or by the customer through self-service, with its eligibility verdict.',
  }),
  statusChanged: defineEvent<TicketStatusChangedV1>('ticket.status-changed', 1, {
    ...about,
    description: "A ticket's status changed (from, to, when, by whom); SLA clocks are computed from these changes.",
  }),
  assigned: defineEvent<TicketAssignedV1>('ticket.assigned', 1, {
    ...about,
    description: 'A ticket got a handling team and/or handler [分派]: by the rules, by hand, or grabbed from the team queue [抢单].',
  }),
  firstResponded: defineEvent<TicketRefV1 & { at: string; by: string }>('ticket.first-responded', 1, {
    ...about,
    description: 'The first public reply [首次响应] was posted to the customer.',
  }),
  recordAdded: defineEvent<TicketRefV1 & { recordId: string; kind: string; authorKind: string; authorId: string }>('ticket.record-added', 1, {
    ...about,
    description: 'A handling record [处理记录] was added: an internal note, a reply to the customer, or the customer’s reply.',
  }),
  escalated: defineEvent<TicketEscalatedV1>('ticket.escalated', 1, {
    ...about,
    description: 'A ticket was escalated [升级] to the next tier or a supervisor, by hand or on an SLA warning / breach.',
  }),
  transferred: defineEvent<TicketTransferredV1>('ticket.transferred', 1, {
    ...about,
    description: 'A ticket was transferred [转派] to another agent or team, with a reason.',
  }),
  resolved: defineEvent<TicketRefV1 & { resolution: string; at: string; by: string }>('ticket.resolved', 1, {
    ...about,
    description: 'A ticket was resolved [已解决] with a resolution.',
  }),
  closed: defineEvent<TicketRefV1 & { at: string; by: string | null }>('ticket.closed', 1, { ...about, description: 'A ticket was closed [已关闭].' }),
  reopened: defineEvent<TicketRefV1 & { at: string; by: string | null; reason: string | null }>('ticket.reopened', 1, {
    ...about,
    description: 'A resolved ticket was reopened [重开] within its type’s reopen window.',
  }),
  cancelled: defineEvent<TicketRefV1 & { at: string; by: string | null; reason: string }>('ticket.cancelled', 1, {
    ...about,
    description: 'A ticket was cancelled [已取消] with a reason.',
  }),
  rated: defineEvent<TicketRefV1 & { score: number; comment: string | null }>('ticket.rated', 1, {
    ...about,
    description: 'The customer rated the handling of a ticket [满意度] from 1 to 5.',
  }),
  eligibilityOverridden: defineEvent<TicketRefV1 & { by: string; reason: string; failedChecks: string[] }>('ticket.eligibility-overridden', 1, {
    ...about,
    description: 'A supervisor accepted a ticket flagged as not entitled to service [资格特批], with a reason.',
  }),
  workOrderScheduled: defineEvent<WorkOrderEventV1 & { appointmentStart: string; appointmentEnd: string }>('ticket.work-order-scheduled', 1, {
    ...about,
    description: 'A field work order [现场工单] was scheduled for a technician at an address and time window.',
  }),
  workOrderCheckedIn: defineEvent<WorkOrderEventV1 & { at: string }>('ticket.work-order-checked-in', 1, {
    ...about,
    description: 'The technician checked in on site [签到].',
  }),
  workOrderCheckedOut: defineEvent<WorkOrderEventV1 & { at: string; result: string; partsUsed: { name: string; quantity: number }[] }>(
    'ticket.work-order-checked-out',
    1,
    { ...about, description: 'The technician checked out [签退] with the result and the parts used.' },
  ),
  workOrderSignedOff: defineEvent<WorkOrderEventV1 & { signedBy: string; at: string }>('ticket.work-order-signed-off', 1, {
    ...about,
    description: 'The customer signed off the field work [客户签字确认].',
  }),
  portalTokenIssued: defineEvent<{ tokenId: string; customerId: string; contactId: string; issuedBy: string | null; expiresAt: string; how: string }>(
    'ticket.portal-token-issued',
    1,
    {
      aggregateType: 'portal-token',
      customerId: (payload) => payload.customerId,
      description: 'A contact got self-service access [自助服务]: a token issued by staff, or verified by phone and order number.',
    },
  ),
  portalTokenRevoked: defineEvent<{ tokenId: string; customerId: string; contactId: string; revokedBy: string }>('ticket.portal-token-revoked', 1, {
    aggregateType: 'portal-token',
    customerId: (payload) => payload.customerId,
    description: "A contact's self-service access [自助服务] was withdrawn.",
  }),
  typeConfigured: defineEvent<{ typeId: string; name: string; parentId: string | null; eligibilityPolicy: string; reopenWindowDays: number; active: boolean }>(
    'ticket.type-configured',
    1,
    { aggregateType: 'ticket-type', description: 'A ticket type [工单类型] was created or changed by an administrator.' },
  ),
};
