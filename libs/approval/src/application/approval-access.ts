import type { Actor } from '@crm/platform';
import type { ApprovalRequestState } from '../domain/approval-request.aggregate.js';

/** A request is visible to its applicant, to anyone named as an approver on any step, and to admins. */
export function canSeeRequest(actor: Actor, request: Pick<ApprovalRequestState, 'applicantId' | 'steps'>): boolean {
  return actor.roles.includes('admin') || request.applicantId === actor.id || request.steps.some((step) => step.approverIds.includes(actor.id));
}
