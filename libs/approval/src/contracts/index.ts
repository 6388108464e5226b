/**
 * The Approval context's public surface. Approval is generic: a requesting context opens a
 * request for its subject and reacts to the outcome events; Approval knows nothing of pools or contracts.
 */
export { RequestApprovalCommand } from '../application/commands/request-approval/request-approval.command.js';
export { ConfigureApprovalProcessCommand } from '../application/commands/configure-approval-process/configure-approval-process.command.js';
export { WithdrawApprovalCommand } from '../application/commands/withdraw-approval/withdraw-approval.command.js';

export const ApprovalEvents = {
  requested: 'approval.requested.v1',
  stepApproved: 'approval.step-approved.v1',
  granted: 'approval.granted.v1',
  rejected: 'approval.rejected.v1',
  recalled: 'approval.recalled.v1',
  withdrawn: 'approval.withdrawn.v1',
} as const;

/** Payload shared by every outcome event. */
export interface ApprovalOutcomeV1 {
  requestId: string;
  subjectType: string;
  subjectId: string;
  applicantId: string;
  context: Record<string, unknown>;
  reason?: string | null;
}
