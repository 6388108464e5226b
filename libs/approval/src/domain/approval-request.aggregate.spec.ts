import { DomainError } from '@crm/kernel';
import { ApprovalRequest } from './approval-request.aggregate.js';

const now = new Date('2026-11-25T09:00:00Z');

function open(steps: { mode: 'any-of' | 'all-of'; approverIds: string[] }[]) {
  const request = ApprovalRequest.open({
    id: 'r-1',
    subjectType: 'claim-application',
    subjectId: 's-1',
    applicantId: 'applicant',
    title: 'claim',
    context: {},
    customerId: 'c-1',
    steps: steps.map((step, index) => ({ name: `step ${index + 1}`, ...step })),
    now,
  });
  request.pullEvents();
  return request;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

const types = (request: ApprovalRequest) => request.pullEvents().map((event) => event.type);

describe('ApprovalRequest', () => {
  it('any-of: the first approval settles the step; a later decision on it is refused', () => {
    const request = open([{ mode: 'any-of', approverIds: ['a', 'b'] }]);
    request.decide('b', 'approve', null, now);
    expect(request.snapshot().status).toBe('granted');
    expect(types(request)).toEqual(['approval.granted.v1']);
    expect(codeOf(() => request.decide('a', 'approve', null, now))).toBe('APPROVAL.CLOSED');
  });

  it('all-of: granted only when every approver approved', () => {
    const request = open([{ mode: 'all-of', approverIds: ['a', 'b'] }]);
    request.decide('a', 'approve', null, now);
    expect(request.snapshot().status).toBe('pending');
    expect(types(request)).toEqual([]);
    expect(codeOf(() => request.decide('a', 'approve', null, now))).toBe('APPROVAL.ALREADY_DECIDED');
    request.decide('b', 'approve', null, now);
    expect(types(request)).toEqual(['approval.granted.v1']);
  });

  it('serial steps: the next step opens only when the previous one passed', () => {
    const request = open([
      { mode: 'any-of', approverIds: ['head'] },
      { mode: 'any-of', approverIds: ['legal'] },
    ]);
    expect(codeOf(() => request.decide('legal', 'approve', null, now))).toBe('APPROVAL.NOT_AN_APPROVER');
    request.decide('head', 'approve', null, now);
    expect(types(request)).toEqual(['approval.step-approved.v1']);
    request.decide('legal', 'approve', null, now);
    expect(request.snapshot().steps.map((step) => step.status)).toEqual(['approved', 'approved']);
    expect(types(request)).toEqual(['approval.granted.v1']);
  });

  it('a rejection needs a reason and ends the request', () => {
    const request = open([{ mode: 'all-of', approverIds: ['a', 'b'] }]);
    expect(codeOf(() => request.decide('a', 'reject', '  ', now))).toBe('APPROVAL.REASON_REQUIRED');
    request.decide('a', 'reject', '客户已有合作伙伴', now);
    const [event] = request.pullEvents();
    expect(event).toMatchObject({ type: 'approval.rejected.v1', payload: { reason: '客户已有合作伙伴', rejectedBy: 'a' } });
    expect(codeOf(() => request.decide('b', 'approve', null, now))).toBe('APPROVAL.CLOSED');
  });

  it('only the applicant recalls, and only while pending', () => {
    const request = open([{ mode: 'any-of', approverIds: ['a'] }]);
    expect(codeOf(() => request.recall('a', now))).toBe('APPROVAL.NOT_APPLICANT');
    request.recall('applicant', now);
    expect(types(request)).toEqual(['approval.recalled.v1']);
    expect(codeOf(() => request.recall('applicant', now))).toBe('APPROVAL.CLOSED');
  });

  it('cannot be opened with a step nobody can approve', () => {
    expect(codeOf(() => open([{ mode: 'any-of', approverIds: [] }]))).toBe('APPROVAL.NO_APPROVER');
  });
});
