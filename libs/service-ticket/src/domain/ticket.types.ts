/** Value types of tickets [工单]; plain data, shared by the aggregate, the rules and the read side. */

export const TICKET_STATUSES = ['new', 'assigned', 'in-progress', 'waiting-on-customer', 'resolved', 'closed', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket weighs on its handler's capacity. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['assigned', 'in-progress', 'waiting-on-customer'];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_CHANNELS = ['phone', 'web', 'email', 'self-service', 'wechat'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** What a ticket type does when the customer is not entitled to service [该不该服务]. */
export const ELIGIBILITY_POLICIES = ['refuse', 'accept-flagged', 'not-checked'] as const;
export type EligibilityPolicy = (typeof ELIGIBILITY_POLICIES)[number];

export const RECORD_KINDS = ['internal-note', 'public-reply', 'customer-reply'] as const;
/** Handling records [处理记录]: internal notes stay with staff; replies are seen by the customer. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Who acted: a staff user, or the customer's contact through self-service. */
export interface TicketActorRef {
  kind: 'user' | 'contact';
  id: string;
}

export interface EligibilityCheck {
  check: 'completed-order' | 'warranty' | 'contract';
  passed: boolean;
  /** Why, in words an agent can read to the customer. */
  detail: string;
  /** The order or contract that satisfied the check, if any. */
  reference: string | null;
}

export interface EligibilityOverride {
  by: string;
  at: string;
  reason: string;
}

/** The eligibility verdict [服务资格], stored on the ticket as data. */
export interface EligibilityVerdict {
  policy: EligibilityPolicy;
  /** null when the type does not check eligibility. */
  eligible: boolean | null;
  checks: EligibilityCheck[];
  checkedAt: string;
  override: EligibilityOverride | null;
}
