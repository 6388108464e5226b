import { defineEvent, type FieldChanges } from '@crm/kernel';

/**
 * Events of the Opportunity context [商机], declared once. Every event about an opportunity names
 * its customer, so it shows on the customer 360 timeline. Money is a decimal string with its currency.
 */
const aboutCustomer = (payload: { customerId: string }) => payload.customerId;
const about = { aggregateType: 'opportunity', customerId: aboutCustomer };

/** An intended product line [意向产品] as it stood when the opportunity was won. */
export interface OpportunityLineV1 {
  productId: string;
  productLineId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  amount: string;
}

export interface PipelineStageV1 {
  stageId: string;
  name: string;
  probability: number;
  forecastCategory: string;
  requiredFields: string[];
  allowBack: boolean;
  outcome: string;
}

export interface OpportunityCreatedV1 {
  opportunityId: string;
  customerId: string;
  name: string;
  type: string;
  previousOpportunityId: string | null;
  pipelineId: string;
  stageId: string;
  stageName: string;
  probability: number;
  amount: string | null;
  currency: string;
  expectedCloseDate: string | null;
  ownerId: string;
  sourceKind: string;
  leadId: string | null;
  createdBy: string;
}

export interface OpportunityStageChangedV1 {
  opportunityId: string;
  customerId: string;
  pipelineId: string;
  fromStageId: string;
  fromStageName: string;
  toStageId: string;
  toStageName: string;
  /** The win probability after the change: the stage's, or the owner's override. */
  probability: number;
  probabilityReason: string | null;
  /** Whole seconds the opportunity spent in the stage it left. */
  secondsInPreviousStage: number;
  amount: string | null;
  currency: string;
  changedBy: string;
  /** `manual`: someone moved it; `pipeline-edited`: its stage was removed and mapped to another. */
  cause: 'manual' | 'pipeline-edited';
}

export interface OpportunityWonV1 {
  opportunityId: string;
  customerId: string;
  ownerId: string;
  name: string;
  type: string;
  previousOpportunityId: string | null;
  amount: string;
  currency: string;
  lines: OpportunityLineV1[];
  wonAt: string;
}

export const OpportunityEvents = {
  created: defineEvent<OpportunityCreatedV1>('opportunity.created', 1, {
    ...about,
    description: 'An opportunity [商机] was opened for a customer, in the first stage of its pipeline.',
  }),
  updated: defineEvent<{ opportunityId: string; customerId: string; changes: FieldChanges }>('opportunity.updated', 1, {
    ...about,
    description: 'Fields of an open opportunity changed (before and after of each): amount, products, competitors, probability…',
  }),
  stageChanged: defineEvent<OpportunityStageChangedV1>('opportunity.stage-changed', 1, {
    ...about,
    description: 'An opportunity moved to another stage [销售阶段], with the time spent in the previous one.',
  }),
  won: defineEvent<OpportunityWonV1>('opportunity.won', 1, {
    ...about,
    description: 'An opportunity was won [赢单] with its amount and product lines; contracts and orders follow from it.',
  }),
  lost: defineEvent<{
    opportunityId: string;
    customerId: string;
    ownerId: string;
    lossReasonId: string;
    lossReason: string;
    /** The competitor who won it, when known [竞争对手]. */
    lostTo: string | null;
    amount: string | null;
    currency: string;
    lostAt: string;
  }>('opportunity.lost', 1, { ...about, description: 'An opportunity was lost [输单] with a reason, and the competitor who won it when known.' }),
  transferred: defineEvent<{ opportunityId: string; customerId: string; fromUserId: string; toUserId: string; reason: string; transferredBy: string }>(
    'opportunity.transferred',
    1,
    { ...about, description: 'A manager gave an opportunity to another salesperson [商机转派].' },
  ),
  collaboratorAdded: defineEvent<{
    opportunityId: string;
    customerId: string;
    userId: string;
    access: string;
    expiresAt: string | null;
    addedBy: string;
  }>('opportunity.collaborator-added', 1, {
    ...about,
    description: 'A colleague was asked to collaborate [协作] with read or edit access, possibly until a date (also when the access changed).',
  }),
  collaboratorRemoved: defineEvent<{ opportunityId: string; customerId: string; userId: string; removedBy: string }>('opportunity.collaborator-removed', 1, {
    ...about,
    description: 'A collaborator no longer works on the opportunity.',
  }),
  activityRecorded: defineEvent<{
    opportunityId: string;
    customerId: string;
    activityId: string;
    type: string;
    occurredAt: string;
    summary: string;
    nextStep: string | null;
    contactIds: string[];
    authorId: string;
    /** The follow-up [跟进] it also counts as on the customer. */
    followUpId: string;
  }>('opportunity.activity-recorded', 1, {
    ...about,
    description: 'A call, visit, meeting or demo [拜访记录] was recorded; it is also a follow-up on the customer, restarting its recycle clock.',
  }),
  pipelineConfigured: defineEvent<{
    pipelineId: string;
    name: string;
    isDefault: boolean;
    stages: PipelineStageV1[];
    /** Stages taken out, and where their open opportunities went. */
    removedStages: { stageId: string; name: string; movedToStageId: string | null }[];
    pipelineVersion: number;
  }>('opportunity.pipeline-configured', 1, {
    aggregateType: 'pipeline',
    description: 'A pipeline [销售流程] was created or its stages changed (names, probabilities, order, requirements).',
  }),
  lossReasonCreated: defineEvent<{ lossReasonId: string; name: string }>('opportunity.loss-reason-created', 1, {
    aggregateType: 'loss-reason',
    description: 'A loss reason [输单原因] was added to the list.',
  }),
  forecastAdjusted: defineEvent<{
    adjustmentId: string;
    ownerId: string;
    period: string;
    category: 'pipeline' | 'best-case' | 'commit' | 'closed-won';
    amount: string;
    reason: string;
    adjustedBy: string;
  }>('opportunity.forecast-adjusted', 1, {
    aggregateType: 'forecast-adjustment',
    description: "A manager adjusted a person's forecast [预测调整] for a period and category; the raw figure stays as computed.",
  }),
  taskDue: defineEvent<{
    taskId: string;
    kind: 'call' | 'visit' | 'meeting';
    title: string;
    dueAt: string;
    assigneeId: string;
    customerId: string;
    opportunityId: string | null;
  }>('task.due', 1, {
    aggregateType: 'task',
    customerId: (payload) => payload.customerId,
    description:
      'A task [任务] on a customer is due within the reminder lead time (or overdue) and still open: remind its assignee. Once per task. Raised beside version 2 of this event (which also covers tasks on leads) until consumers have moved.',
  }),
  taskDueV2: defineEvent<{
    taskId: string;
    kind: 'call' | 'visit' | 'meeting';
    title: string;
    dueAt: string;
    assigneeId: string;
    /** Null for a task on a lead that has no customer yet. */
    customerId: string | null;
    opportunityId: string | null;
    leadId: string | null;
  }>('task.due', 2, {
    aggregateType: 'task',
    customerId: (payload) => payload.customerId,
    description: 'A task [任务] on a customer or a lead is due within the reminder lead time (or overdue) and still open: remind its assignee. Once per task.',
  }),
};
