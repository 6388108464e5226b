import type { StepCondition } from './step-condition.js';

/** any-of: the first approver's decision settles the step [或签]; all-of: everyone must approve [会签]. */
export const STEP_MODES = ['any-of', 'all-of'] as const;
export type StepMode = (typeof STEP_MODES)[number];

/** How a step finds its approvers when a request is made. */
export const APPROVER_KINDS = ['line-heads', 'manager', 'department-head', 'role', 'users'] as const;

export type ApproverRule =
  | { kind: 'line-heads' } // heads of the product lines the request involves [条线负责人]
  | { kind: 'manager' } // the applicant's manager: their team's lead, else the department head above them [直属上级]
  | { kind: 'department-head' } // the head of the applicant's department [部门负责人]
  | { kind: 'role'; role: string }
  | { kind: 'users'; userIds: string[] };

export interface StepDefinition {
  name: string;
  mode: StepMode;
  approvers: ApproverRule;
  /** The step applies only when every condition holds on the request's facts (e.g. a legal step [法务] for `amount >= 500000`). */
  when?: StepCondition[];
}

export interface ProcessDefinition {
  subjectType: string;
  steps: StepDefinition[];
  /** Who approves when a step's rule resolves to nobody. */
  defaultApproverIds: string[];
  version: number;
}

export const REQUEST_STATUSES = ['pending', 'granted', 'rejected', 'recalled', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] as const;
type StepStatus = (typeof STEP_STATUSES)[number];

export interface Decision {
  approverId: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  decidedAt: Date;
}

export interface RequestStep {
  index: number;
  name: string;
  mode: StepMode;
  approverIds: string[];
  status: StepStatus;
  decisions: Decision[];
}
