import { defineEvent, type FieldChanges } from '@crm/kernel';

/**
 * Events of the Lead context [线索], declared once. Every event about a lead carries its id and
 * the pool it is in, so its 5W2H history (who, what, when, where, why, how, how much) is built from
 * these events alone.
 */

/** One rule's part in a score: which rule, how many points (see GET /api/v1/leads/{id}/score). */
export interface ScoreContributionV1 {
  ruleId: string;
  ruleName: string;
  kind: 'attribute' | 'behaviour' | 'call-outcome';
  points: number;
  count?: number;
  capped?: boolean;
}

export interface LeadCapturedV1 {
  leadId: string;
  poolId: string;
  poolPath: string[];
  personName: string | null;
  companyName: string | null;
  channel: string | null;
  campaign: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  ownerId: string | null;
  /** An existing customer with the same company name or mobile [已是客户]. */
  matchedCustomerId: string | null;
  createdBy: string;
}

/** Why a score was computed: the lead was captured or edited, behaviour arrived, the rules changed, a window expired. */
export type ScoreCauseV1 = 'captured' | 'updated' | 'activity' | 'merged' | 'rules-changed' | 'window-expired' | 'reopened';

/** How a lead got its owner: by the pool's rules, by an admin, or claimed by a member [抢单]. */
export type AssignedHowV1 = 'auto' | 'manual' | 'claim';

export interface LeadAssignedV1 {
  leadId: string;
  poolId: string;
  poolPath: string[];
  ownerId: string;
  previousOwnerId: string | null;
  how: AssignedHowV1;
  /** The rule entry that matched (by-rules pools), else null. */
  ruleId: string | null;
  /** round-robin, least-busy or weighted for automatic assignment, customer-holder for a lead routed to the holder of the customer it matched; null otherwise. */
  strategy: string | null;
  reason: string | null;
  /** Everyone considered, and each one passed over with why (at-capacity, …). */
  candidates: string[];
  skipped: { id: string; reason: string }[];
}

export interface LeadConvertedV1 {
  leadId: string;
  /** The pool the conversion happened in, and its path (performance attribution, seed 003). */
  poolId: string;
  poolPath: string[];
  customerId: string;
  /** False when the lead was linked to an existing customer. */
  customerCreated: boolean;
  contactId: string;
  contactCreated: boolean;
  opportunityId: string | null;
  ownerId: string | null;
  convertedBy: string;
  channel: string | null;
  campaign: string | null;
}

export interface LeadConversionPendingV1 {
  leadId: string;
  poolId: string;
  poolPath: string[];
  /** The customer the conversion created, in the pool and reserved for the converter until an approver decides. */
  customerId: string;
  /** The Pool context's claim application for the converter, and its approval request. */
  applicationId: string;
  approvalRequestId: string;
  reservedUntil: string;
  ownerId: string | null;
  convertedBy: string;
}

export interface LeadConversionRefusedV1 {
  leadId: string;
  poolId: string;
  customerId: string;
  applicationId: string;
  /**
   * Why the conversion did not finish: the application was rejected, recalled or expired, the customer was
   * given to someone else in between (`already-protected`), the converter is no longer active, or
   * a step failed (`failed`, with the problem code).
   */
  reason: 'rejected' | 'recalled' | 'expired' | 'already-protected' | 'converter-inactive' | 'failed';
  errorCode: string | null;
  ownerId: string | null;
}

export interface LeadRecycleReminderV2 {
  leadId: string;
  poolId: string;
  ownerId: string;
  /** Which deadline nears: the follow-up one (`recycleAfterDays`) or the conversion one (`recycleIfNotConvertedDays`). */
  rule: 'not-followed-up' | 'not-converted';
  recycleAt: string;
  remindHoursBefore: number;
}

/** Why a lead was given up [关闭原因]: the original fixed list; reasons added to the managed list since appear as `other` (version 2 carries the key). */
export type ClosureReasonV1 = 'invalid' | 'duplicate' | 'no-need' | 'unreachable' | 'other';

export interface LeadClosedV1 {
  leadId: string;
  poolId: string;
  poolPath: string[];
  ownerId: string | null;
  reason: ClosureReasonV1;
  note: string | null;
  closedBy: string;
}

export interface LeadClosedV2 {
  leadId: string;
  poolId: string;
  poolPath: string[];
  ownerId: string | null;
  /** The closure reason's key in the managed list [关闭原因]. */
  reason: string;
  /** Its zh-CN label when the lead was closed. */
  reasonLabel: string;
  note: string | null;
  closedBy: string;
}

export interface LeadReopenedV1 {
  leadId: string;
  poolId: string;
  poolPath: string[];
  ownerId: string | null;
  /** Why it had been closed. */
  closedFor: ClosureReasonV1;
  note: string | null;
  reopenedBy: string;
}

export interface LeadReopenedV2 {
  leadId: string;
  poolId: string;
  poolPath: string[];
  ownerId: string | null;
  /** The key of the closure reason it had been closed for. */
  closedFor: string;
  note: string | null;
  reopenedBy: string;
}

export const LeadEvents = {
  captured: defineEvent<LeadCapturedV1>('lead.captured', 1, {
    aggregateType: 'lead',
    customerId: (payload) => payload.matchedCustomerId,
    description: 'A new lead [线索] was captured into a pool, with its channel [渠道] and campaign [活动].',
  }),
  updated: defineEvent<{ leadId: string; poolId: string; changes: FieldChanges }>('lead.updated', 1, {
    aggregateType: 'lead',
    description: "A lead's contact details or source were edited.",
  }),
  merged: defineEvent<{
    leadId: string;
    poolId: string;
    activityId: string;
    matchedOn: 'mobile' | 'email' | 'company';
    channel: string | null;
    campaign: string | null;
    submittedBy: string;
  }>('lead.merged', 1, {
    aggregateType: 'lead',
    description: 'A submission matching this open lead was merged into it as an activity instead of a new lead [重复线索合并].',
  }),
  moved: defineEvent<{ leadId: string; fromPoolId: string; toPoolId: string; fromPath: string[]; toPath: string[]; reason: string }>('lead.moved', 1, {
    aggregateType: 'lead',
    description: 'A lead moved to another pool [线索池流转]; its path through the pools is kept.',
  }),
  activityRecorded: defineEvent<{
    leadId: string;
    poolId: string;
    activityId: string;
    kind: string;
    occurredAt: string;
    outcome: string | null;
    channel: string | null;
  }>('lead.activity-recorded', 1, {
    aggregateType: 'lead',
    description: 'Behaviour of a lead arrived (page view, mini-program visit, live stream, form, call outcome…) [线索行为].',
  }),
  scored: defineEvent<{
    leadId: string;
    poolId: string;
    cause: ScoreCauseV1;
    /** The activity that caused it, for `activity` and `merged`. */
    activityId: string | null;
    fromScore: number | null;
    toScore: number;
    fromGrade: string | null;
    toGrade: string;
    rulesVersion: number;
    /** Every rule that fires now and what it adds: the score is their sum. */
    contributions: ScoreContributionV1[];
    tags: string[];
  }>('lead.scored', 1, {
    aggregateType: 'lead',
    description: "A lead's score [评分] or grade [等级] changed; says which rules fired and how many points each gave.",
  }),
  scoringRulesChanged: defineEvent<{ version: number; ruleIds: string[]; grades: { grade: string; minScore: number }[]; defaultGrade: string }>(
    'lead.scoring-rules-changed',
    1,
    {
      aggregateType: 'lead-scoring-rules',
      description: 'Marketing replaced the scoring rules [评分规则]; every open lead is re-scored in batches.',
    },
  ),
  poolCreated: defineEvent<{
    poolId: string;
    name: string;
    parentId: string | null;
    path: string[];
    memberIds: string[];
    adminIds: string[];
    rules: object;
  }>('lead.pool-created', 1, { aggregateType: 'lead-pool', description: 'A lead pool [线索池] was created in a pool tree.' }),
  poolChanged: defineEvent<{ poolId: string; changes: FieldChanges }>('lead.pool-changed', 1, {
    aggregateType: 'lead-pool',
    description: "A lead pool's name, members, admins or rules changed.",
  }),
  assigned: defineEvent<LeadAssignedV1>('lead.assigned', 1, {
    aggregateType: 'lead',
    description:
      "A lead got an owner [线索分配]: automatically by its pool's rules, by an admin, or claimed by a member [抢单]; says who was considered and why others were passed over.",
  }),
  recycled: defineEvent<{
    leadId: string;
    fromPoolId: string;
    toPoolId: string;
    toPath: string[];
    previousOwnerId: string;
    rule: 'not-followed-up' | 'not-converted';
    afterDays: number;
  }>('lead.recycled', 1, {
    aggregateType: 'lead',
    description: 'A lead not worked or not converted in time was taken from its owner and went back to a pool [线索回收].',
  }),
  converted: defineEvent<LeadConvertedV1>('lead.converted', 1, {
    aggregateType: 'lead',
    customerId: (payload) => payload.customerId,
    description: 'A lead became a customer, a contact and optionally an opportunity [线索转化], in the pool recorded.',
  }),
  conversionPending: defineEvent<LeadConversionPendingV1>('lead.conversion-pending', 1, {
    aggregateType: 'lead',
    customerId: (payload) => payload.customerId,
    description:
      'A conversion created a customer whose grade the converter may not hold: it waits in the pool, reserved for them, with a claim application [转化待审批]; the contact and opportunity follow the approval.',
  }),
  conversionRefused: defineEvent<LeadConversionRefusedV1>('lead.conversion-refused', 1, {
    aggregateType: 'lead',
    customerId: (payload) => payload.customerId,
    description:
      'A conversion waiting for approval did not finish (application rejected, recalled or expired, customer given to someone else, a step failed): the lead is open again, matched to the customer, which stays in the pool.',
  }),
  recycleReminder: defineEvent<{ leadId: string; poolId: string; ownerId: string; recycleAt: string; remindHoursBefore: number }>('lead.recycle-reminder', 1, {
    aggregateType: 'lead',
    description:
      'The lead goes back to a pool at `recycleAt` unless its owner follows it up [回收提醒]; raised once per follow-up deadline. Raised beside version 2 of this event (which also covers the not-converted deadline) until consumers have moved.',
  }),
  recycleReminderV2: defineEvent<LeadRecycleReminderV2>('lead.recycle-reminder', 2, {
    aggregateType: 'lead',
    description:
      'The lead goes back to a pool at `recycleAt` [回收提醒] unless its owner follows it up (`rule` not-followed-up) or converts it (`rule` not-converted); raised once per lead, rule and deadline.',
  }),
  closed: defineEvent<LeadClosedV1>('lead.closed', 1, {
    aggregateType: 'lead',
    description:
      'A lead was given up [关闭线索] with a reason (invalid, duplicate, no need, unreachable, other; reasons added to the managed list since as other): it leaves assignment, recycling and scoring. Raised beside version 2 (the managed reason) until consumers have moved.',
  }),
  closedV2: defineEvent<LeadClosedV2>('lead.closed', 2, {
    aggregateType: 'lead',
    description: 'A lead was given up [关闭线索] with a reason from the managed list (its key and label): it leaves assignment, recycling and scoring.',
  }),
  reopened: defineEvent<LeadReopenedV1>('lead.reopened', 1, {
    aggregateType: 'lead',
    description: 'A closed lead was opened again [重新打开] in its pool, with its owner; it is re-scored. Raised beside version 2 until consumers have moved.',
  }),
  reopenedV2: defineEvent<LeadReopenedV2>('lead.reopened', 2, {
    aggregateType: 'lead',
    description: 'A closed lead was opened again [重新打开] in its pool, with its owner (and the key of the reason it had been closed for); it is re-scored.',
  }),
};
