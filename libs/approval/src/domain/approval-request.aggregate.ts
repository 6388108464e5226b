import { AggregateRoot } from '@crm/kernel';
import { ApprovalEvents, type ApprovalEventV1 } from '../contracts/events.js';
import { ApprovalErrors } from './approval.errors.js';
import type { Decision, RequestStatus, RequestStep, StepMode } from './approval.types.js';

export interface ApprovalRequestState {
  id: string;
  subjectType: string;
  subjectId: string;
  applicantId: string;
  title: string;
  /** What the requesting context told us (involved product lines, customer); echoed in events. */
  context: Record<string, unknown>;
  /** The customer the subject concerns, when there is one: approvals show on its timeline. */
  customerId: string | null;
  status: RequestStatus;
  steps: RequestStep[];
  createdAt: Date;
  closedAt: Date | null;
  version: number;
}

/**
 * An approval request [审批单]: serial steps, each any-of or all-of. Knows nothing about what is
 * being approved; its outcome is an event the requesting context reacts to (APPR-4).
 */
export class ApprovalRequest extends AggregateRoot {
  private constructor(private state: ApprovalRequestState) {
    super();
  }

  static open(input: {
    id: string;
    subjectType: string;
    subjectId: string;
    applicantId: string;
    title: string;
    context: Record<string, unknown>;
    customerId: string | null;
    steps: { name: string; mode: StepMode; approverIds: string[] }[];
    now: Date;
  }): ApprovalRequest {
    if (input.steps.length === 0 || input.steps.some((step) => step.approverIds.length === 0)) throw ApprovalErrors.noApprover();
    const request = new ApprovalRequest({
      id: input.id,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      applicantId: input.applicantId,
      title: input.title,
      context: input.context,
      customerId: input.customerId,
      status: 'pending',
      steps: input.steps.map((step, index) => ({
        index,
        name: step.name,
        mode: step.mode,
        approverIds: [...new Set(step.approverIds)],
        status: index === 0 ? 'pending' : 'waiting',
        decisions: [],
      })),
      createdAt: input.now,
      closedAt: null,
      version: 1,
    });
    request.raise(ApprovalEvents.requested.create(request.id, { ...request.facts(), firstStepApproverIds: request.state.steps[0]!.approverIds }));
    return request;
  }

  static rehydrate(state: ApprovalRequestState): ApprovalRequest {
    return new ApprovalRequest(state);
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  snapshot(): ApprovalRequestState {
    return structuredClone(this.state);
  }

  /** Approve [同意] or reject [驳回] the current step. */
  decide(approverId: string, decision: 'approve' | 'reject', comment: string | null, now: Date): void {
    this.assertPending();
    const step = this.currentStep();
    if (!step.approverIds.includes(approverId)) throw ApprovalErrors.notAnApprover();
    if (step.decisions.some((existing) => existing.approverId === approverId)) throw ApprovalErrors.alreadyDecided();
    if (decision === 'reject' && !comment?.trim()) throw ApprovalErrors.reasonRequired();
    const record: Decision = { approverId, decision, comment, decidedAt: now };
    step.decisions.push(record);
    this.state.version += 1;

    if (decision === 'reject') {
      step.status = 'rejected';
      this.close('rejected', now);
      this.raise(ApprovalEvents.rejected.create(this.id, { ...this.facts(), rejectedBy: approverId, reason: comment, stepName: step.name }));
      return;
    }
    const approvals = new Set(step.decisions.filter((d) => d.decision === 'approve').map((d) => d.approverId));
    const stepDone = step.mode === 'any-of' || step.approverIds.every((id) => approvals.has(id));
    if (!stepDone) return;
    step.status = 'approved';
    const next = this.state.steps[step.index + 1];
    if (next) {
      next.status = 'pending';
      this.raise(
        ApprovalEvents.stepApproved.create(this.id, { ...this.facts(), stepName: step.name, nextStepName: next.name, nextStepApproverIds: next.approverIds }),
      );
      return;
    }
    this.close('granted', now);
    this.raise(ApprovalEvents.granted.create(this.id, { ...this.facts(), grantedBy: approverId }));
  }

  /** The applicant takes the request back [撤回] while it is pending. */
  recall(by: string, now: Date): void {
    if (by !== this.state.applicantId) throw ApprovalErrors.onlyApplicantRecalls();
    this.assertPending();
    this.cancelOpenSteps();
    this.state.version += 1;
    this.close('recalled', now);
    this.raise(ApprovalEvents.recalled.create(this.id, this.facts()));
  }

  /** The requesting context no longer needs a decision (its reservation expired, say). */
  withdraw(reason: string, now: Date): void {
    if (this.state.status !== 'pending') return;
    this.cancelOpenSteps();
    this.state.version += 1;
    this.close('withdrawn', now);
    this.raise(ApprovalEvents.withdrawn.create(this.id, { ...this.facts(), reason }));
  }

  private currentStep(): RequestStep {
    return this.state.steps.find((step) => step.status === 'pending')!;
  }

  private assertPending(): void {
    if (this.state.status !== 'pending') throw ApprovalErrors.closed(this.state.status);
  }

  private cancelOpenSteps(): void {
    for (const step of this.state.steps) if (step.status === 'pending' || step.status === 'waiting') step.status = 'cancelled';
  }

  private close(status: RequestStatus, now: Date): void {
    this.state.status = status;
    this.state.closedAt = now;
  }

  private facts(): ApprovalEventV1 {
    return {
      requestId: this.state.id,
      subjectType: this.state.subjectType,
      subjectId: this.state.subjectId,
      applicantId: this.state.applicantId,
      customerId: this.state.customerId,
      context: this.state.context,
    };
  }
}
