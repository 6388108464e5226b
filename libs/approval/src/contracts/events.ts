import { defineEvent } from '@crm/kernel';

/** Events of the Approval context, declared once. Requesting contexts react to the outcome events (APPR-4). */
export interface ApprovalEventV1 {
  requestId: string;
  subjectType: string;
  subjectId: string;
  applicantId: string;
  /** The customer the subject concerns, when there is one (approvals show on its 360 timeline). */
  customerId: string | null;
  /** What the requesting context asked to show with the request, echoed back. */
  context: Record<string, unknown>;
}

const about = { aggregateType: 'approval-request', customerId: (payload: ApprovalEventV1) => payload.customerId };

export const ApprovalEvents = {
  requested: defineEvent<ApprovalEventV1 & { firstStepApproverIds: string[] }>('approval.requested', 1, {
    ...about,
    description: "An approval request [审批单] was opened; the first step's approvers are named.",
  }),
  stepApproved: defineEvent<ApprovalEventV1 & { stepName: string; nextStepName: string; nextStepApproverIds: string[] }>('approval.step-approved', 1, {
    ...about,
    description: 'A step passed and the next one waits for its approvers.',
  }),
  granted: defineEvent<ApprovalEventV1 & { grantedBy: string }>('approval.granted', 1, {
    ...about,
    description: 'The last step passed: the request is granted [审批通过]. The requesting context acts on it.',
  }),
  rejected: defineEvent<ApprovalEventV1 & { rejectedBy: string; reason: string | null; stepName: string }>('approval.rejected', 1, {
    ...about,
    description: 'An approver rejected the request with a reason [驳回].',
  }),
  recalled: defineEvent<ApprovalEventV1>('approval.recalled', 1, { ...about, description: 'The applicant took the request back [撤回].' }),
  withdrawn: defineEvent<ApprovalEventV1 & { reason: string }>('approval.withdrawn', 1, {
    ...about,
    description: 'The requesting context no longer needs a decision (its reservation expired, say).',
  }),
  processConfigured: defineEvent<{ subjectType: string; steps: object[]; defaultApproverIds: string[]; processVersion: number }>(
    'approval.process-configured',
    1,
    { aggregateType: 'approval-process', description: 'How requests of a subject type are approved [审批流程] changed.' },
  ),
};
