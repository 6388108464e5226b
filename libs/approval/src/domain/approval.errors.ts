import { DomainError, NotFoundError } from '@crm/kernel';

export const ApprovalErrors = {
  notFound: () => new NotFoundError('APPROVAL.NOT_FOUND', 'No such approval request (or you are not involved in it).'),
  closed: (status: string) => new DomainError('APPROVAL.CLOSED', 'conflict', `The request is already ${status}.`, { requestStatus: status }),
  notAnApprover: () => new DomainError('APPROVAL.NOT_AN_APPROVER', 'forbidden', 'You are not an approver of the current step.'),
  alreadyDecided: () => new DomainError('APPROVAL.ALREADY_DECIDED', 'conflict', 'You already decided on this step.'),
  reasonRequired: () => new DomainError('APPROVAL.REASON_REQUIRED', 'rule-violation', 'A rejection needs a reason [驳回理由].'),
  onlyApplicantRecalls: () => new DomainError('APPROVAL.NOT_APPLICANT', 'forbidden', 'Only the applicant can recall [撤回] a request.'),
  noProcess: (subjectType: string) => new DomainError('APPROVAL.NO_PROCESS', 'rule-violation', `No approval process is defined for ${subjectType}.`),
  noApprover: () => new DomainError('APPROVAL.NO_APPROVER', 'rule-violation', 'No approver could be found for a step; set default approvers.'),
  invalidProcess: (detail: string) => new DomainError('APPROVAL.INVALID_PROCESS', 'invalid', detail),
};
