import { AggregateRoot } from '@crm/kernel';
import { PoolEvents, type HoldersV1 } from '../contracts/events.js';
import { CLAIM_POLICIES, gradeRightOf, type Claimant, type ClaimContext } from './claim-policies.js';
import { anyOverlap, type ClaimScope } from './claim-scope.js';
import { PoolErrors } from './pool.errors.js';
import type { PoolRules } from './pool-rules.js';

export interface Protection {
  id: string;
  holderId: string;
  scope: ClaimScope;
  source: 'created' | 'claim' | 'approval' | 'transfer';
  applicationId: string | null;
  since: Date;
  /** Set when this protection ended in this unit of work. */
  ended?: { reason: 'released' | 'recycled' | 'transferred'; by: string; at: Date };
}

export type ApplicationStatus = 'pending' | 'approved' | 'rejected' | 'recalled' | 'expired';

export interface Application {
  id: string;
  applicantId: string;
  scopes: ClaimScope[];
  reason: string | null;
  status: ApplicationStatus;
  approvalRequestId: string;
  reservedUntil: Date;
  createdAt: Date;
  closedAt: Date | null;
}

/** Whose pool it is: who may see its customers and manage it (read by the access checks, not by the rules). */
export interface PoolAccess {
  departmentId: string | null;
  adminIds: string[];
}

export interface PoolCustomerState {
  customerId: string;
  poolId: string;
  grade: string;
  rules: PoolRules;
  access: PoolAccess;
  /** Active protections (and, after a change, the ones it ended). */
  protections: Protection[];
  /** Pending applications (and, after a change, the ones it closed or opened). */
  applications: Application[];
  /** Set when a change restarts the recycle clock (a claim, an approval, a transfer). */
  clockRestartedAt: Date | null;
  /** True for a customer that has just been placed in its pool. */
  isNew: boolean;
}

/** The outcome of a claim the caller is allowed to make. */
export type ClaimOutcome = { status: 'protected'; protectionIds: string[] } | { status: 'needs-approval' };

/**
 * A customer's place in a pool [公海]: who holds which part of it (protections [保护]), who is
 * waiting for approval to hold it (applications, which reserve it), under the pool's rules. Every
 * claim, approval, release, transfer and creation goes through these intent methods, which raise
 * the events that say who holds the customer now.
 */
export class PoolCustomer extends AggregateRoot {
  private constructor(private readonly state: PoolCustomerState) {
    super();
  }

  static rehydrate(state: PoolCustomerState): PoolCustomer {
    return new PoolCustomer(state);
  }

  /** A new customer enters its pool unheld. */
  static place(input: { customerId: string; poolId: string; grade: string; rules: PoolRules; access?: PoolAccess }): PoolCustomer {
    return new PoolCustomer({
      ...input,
      access: input.access ?? { departmentId: null, adminIds: [] },
      protections: [],
      applications: [],
      clockRestartedAt: null,
      isNew: true,
    });
  }

  get customerId(): string {
    return this.state.customerId;
  }

  get poolId(): string {
    return this.state.poolId;
  }

  get grade(): string {
    return this.state.grade;
  }

  get rules(): PoolRules {
    return this.state.rules;
  }

  get access(): PoolAccess {
    return this.state.access;
  }

  /** For the repository: what to write. */
  snapshot(): Readonly<PoolCustomerState> {
    return this.state;
  }

  /** The customer's protections now in force. */
  get activeProtections(): Protection[] {
    return this.state.protections.filter((protection) => !protection.ended);
  }

  /** Holders after every change so far: the Customer context's read copy follows this. */
  holders(): HoldersV1 {
    const active = this.activeProtections;
    const ownerId = active.find((protection) => protection.scope.kind === 'customer')?.holderId ?? null;
    const coHolderIds = [...new Set(active.filter((protection) => protection.scope.kind !== 'customer').map((protection) => protection.holderId))];
    return { ownerId, coHolderIds: coHolderIds.filter((id) => id !== ownerId).sort() };
  }

  /**
   * Claim [申领] `scopes` for the claimant: every claim rule is checked first; then the grade right
   * decides between protecting at once and needing an approved application (POOL-2, 4, 5).
   */
  claim(claimant: Claimant, scopes: readonly ClaimScope[], now: Date, newId: () => string): ClaimOutcome {
    this.check(claimant, scopes, now);
    if (gradeRightOf({ rules: this.state.rules, grade: this.state.grade, claimant }) === 'needs-approval') return { status: 'needs-approval' };
    const protections = this.protect(claimant.id, scopes, 'claim', null, now, newId);
    return { status: 'protected', protectionIds: protections.map((protection) => protection.id) };
  }

  /** The claim rules, without acting: for a caller about to apply. */
  check(claimant: Claimant, scopes: readonly ClaimScope[], now: Date): void {
    if (scopes.length === 0) throw PoolErrors.emptyScope();
    const context: ClaimContext = {
      customerId: this.state.customerId,
      grade: this.state.grade,
      rules: this.state.rules,
      protections: this.activeProtections,
      applications: this.pendingApplications(),
      claimant,
      scopes,
      now,
    };
    for (const policy of CLAIM_POLICIES) {
      const broken = policy(context);
      if (broken) throw broken;
    }
  }

  /** Opens an application [申领申请] whose approval request the caller already opened for this id; reserves the scopes. */
  apply(input: { applicationId: string; applicant: Claimant; scopes: ClaimScope[]; reason: string | null; approvalRequestId: string; now: Date }): Application {
    this.check(input.applicant, input.scopes, input.now);
    return this.openApplication({ ...input, applicantId: input.applicant.id });
  }

  /** The creator of a customer their roles may not hold applies for the whole of it; claim limits do not apply to it. */
  applyForCreator(input: { applicationId: string; applicantId: string; reason: string; approvalRequestId: string; now: Date }): Application {
    return this.openApplication({ ...input, scopes: [{ kind: 'customer' }] });
  }

  private openApplication(input: {
    applicationId: string;
    applicantId: string;
    scopes: ClaimScope[];
    reason: string | null;
    approvalRequestId: string;
    now: Date;
  }): Application {
    const application: Application = {
      id: input.applicationId,
      applicantId: input.applicantId,
      scopes: input.scopes,
      reason: input.reason,
      status: 'pending',
      approvalRequestId: input.approvalRequestId,
      reservedUntil: new Date(input.now.getTime() + this.state.rules.reservationHours * 3_600_000),
      createdAt: input.now,
      closedAt: null,
    };
    this.state.applications.push(application);
    this.raise(
      PoolEvents.claimApplied.create(this.customerId, {
        customerId: this.customerId,
        applicationId: application.id,
        applicantId: application.applicantId,
        poolId: this.poolId,
        scopes: application.scopes,
        reason: application.reason,
        reservedUntil: application.reservedUntil.toISOString(),
        approvalRequestId: application.approvalRequestId,
      }),
    );
    return application;
  }

  /**
   * The approval came through (ARCH-3, POOL-6): the applicant holds what they applied for, with no
   * second claim. False when the application was no longer pending, or something overlapping was
   * assigned by hand in between (the application then closes saying so).
   */
  protectApproved(applicationId: string, now: Date, newId: () => string): boolean {
    const application = this.pendingApplications().find((candidate) => candidate.id === applicationId);
    if (!application) return false;
    this.closeWith(application, 'approved', now);
    if (this.activeProtections.some((protection) => anyOverlap(application.scopes, [protection.scope]))) {
      this.raise(
        PoolEvents.claimApplicationClosed.create(this.customerId, {
          customerId: this.customerId,
          applicationId,
          applicantId: application.applicantId,
          status: 'approved',
          outcome: 'already-protected',
        }),
      );
      return false;
    }
    this.protect(application.applicantId, application.scopes, 'approval', applicationId, now, newId);
    return true;
  }

  /** A rejected, recalled or expired application frees what it reserved. False when it was no longer pending. */
  closeApplication(applicationId: string, status: 'rejected' | 'recalled' | 'expired', reason: string | null, now: Date): Application | undefined {
    const application = this.pendingApplications().find((candidate) => candidate.id === applicationId);
    if (!application) return undefined;
    this.closeWith(application, status, now);
    this.raise(
      PoolEvents.claimApplicationClosed.create(this.customerId, {
        customerId: this.customerId,
        applicationId,
        applicantId: application.applicantId,
        status,
        reason,
      }),
    );
    return application;
  }

  /**
   * Whoever creates a customer holds it when their roles may hold its grade; otherwise it stays in
   * the pool and they apply, exactly as in a claim (POOL-3: new customers follow the grade rules).
   * Hold and daily limits do not apply to what a person brings in themselves.
   */
  placeForCreator(holder: Pick<Claimant, 'id' | 'roles'>, now: Date, newId: () => string): 'protected' | 'needs-approval' {
    const scope: ClaimScope = { kind: 'customer' };
    const claimant: Claimant = { ...holder, lastReleasedAt: null, heldOrPending: 0, claimsToday: 0 };
    if (gradeRightOf({ rules: this.state.rules, grade: this.state.grade, claimant }) === 'needs-approval') return 'needs-approval';
    this.protect(holder.id, [scope], 'created', null, now, newId);
    return 'protected';
  }

  /** A holder gives (their part of) the customer back [释放]; managers may release for someone in their scope. */
  release(holderId: string, reason: string, by: string, now: Date): number {
    const released = this.end(holderId, 'released', by, now);
    if (released.length === 0) throw PoolErrors.notHeld();
    this.raise(
      PoolEvents.customerReleased.create(this.customerId, {
        customerId: this.customerId,
        poolId: this.poolId,
        holderId,
        scopes: released.map((protection) => protection.scope),
        reason,
        holders: this.holders(),
      }),
    );
    return released.length;
  }

  /** Moves what one person holds to another [客户转移]; false when the first holds nothing of it. */
  transfer(fromUserId: string, toUserId: string, reason: string, by: string, now: Date, newId: () => string): boolean {
    const released = this.end(fromUserId, 'transferred', by, now);
    if (released.length === 0) return false;
    for (const protection of released) {
      this.state.protections.push({ id: newId(), holderId: toUserId, scope: protection.scope, source: 'transfer', applicationId: null, since: now });
    }
    this.state.clockRestartedAt = now;
    this.raise(
      PoolEvents.customerTransferred.create(this.customerId, {
        customerId: this.customerId,
        poolId: this.poolId,
        fromUserId,
        toUserId,
        scopes: released.map((protection) => protection.scope),
        reason,
        holders: this.holders(),
      }),
    );
    return true;
  }

  private protect(
    holderId: string,
    scopes: readonly ClaimScope[],
    source: 'created' | 'claim' | 'approval',
    applicationId: string | null,
    now: Date,
    newId: () => string,
  ): Protection[] {
    const added = scopes.map((scope) => ({ id: newId(), holderId, scope, source, applicationId, since: now }));
    this.state.protections.push(...added);
    this.state.clockRestartedAt = now;
    this.raise(
      PoolEvents.customerProtected.create(this.customerId, {
        customerId: this.customerId,
        poolId: this.poolId,
        holderId,
        scopes: [...scopes],
        source,
        applicationId,
        holders: this.holders(),
      }),
    );
    return added;
  }

  private end(holderId: string, reason: 'released' | 'transferred', by: string, at: Date): Protection[] {
    const ended = this.activeProtections.filter((protection) => protection.holderId === holderId);
    for (const protection of ended) protection.ended = { reason, by, at };
    return ended;
  }

  private pendingApplications(): Application[] {
    return this.state.applications.filter((application) => application.status === 'pending');
  }

  private closeWith(application: Application, status: Exclude<ApplicationStatus, 'pending'>, now: Date): void {
    application.status = status;
    application.closedAt = now;
  }
}
