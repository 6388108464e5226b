import { AggregateRoot, type FieldChanges } from '@crm/kernel';
import { ContractEvents } from '../contracts/events.js';
import { ContractErrors } from './contract.errors.js';
import type { ContractStatus, ContractType, PaymentMethod, VersionStatus } from './contract.types.js';
import { isPositive, sameAmount, sumOf, toMoney, toQuantity } from './money.js';

/** One instalment of the payment plan [回款计划]: due date and amount; `seq` follows the due dates. */
export interface Instalment {
  seq: number;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  amount: string;
  note: string | null;
}

/** What a contract says: every field a change [合同变更] may touch. The customer never changes. */
export interface ContractTerms {
  name: string;
  type: ContractType;
  /** Our company entity that signs [签约主体]. */
  signingParty: string;
  amount: string;
  currency: string;
  quantity: string | null;
  paymentMethod: PaymentMethod | null;
  /** `YYYY-MM-DD`. */
  startDate: string | null;
  endDate: string | null;
  /** The products the contract covers (service eligibility asks about them). */
  productIds: string[];
  instalments: Instalment[];
}

export type InstalmentInput = Omit<Instalment, 'seq'>;
export type TermsInput = Omit<ContractTerms, 'instalments'> & { instalments: InstalmentInput[] };
export type TermEdits = Partial<TermsInput>;

/** A version of the terms with its change record: who asked, why, what changed, how it was decided. */
export interface ContractVersion {
  id: string;
  versionNo: number;
  status: VersionStatus;
  terms: ContractTerms;
  /** What this version changed against the one current when it was proposed (empty for the first). */
  changes: FieldChanges;
  reason: string | null;
  approvalRequestId: string | null;
  requestedBy: string;
  requestedAt: Date;
  decidedAt: Date | null;
}

export interface ContractState {
  id: string;
  number: string;
  customerId: string;
  opportunityId: string | null;
  ownerId: string;
  status: ContractStatus;
  /** The terms in force (for a draft: the draft's). */
  terms: ContractTerms;
  currentVersion: number;
  /** The highest version number given so far (changes rejected or withdrawn included). */
  latestVersionNo: number;
  /** The approval request awaiting a decision, for the contract or for a change. */
  approvalRequestId: string | null;
  /** The change [合同变更] in approval, if any. */
  pendingVersion: number | null;
  voidReason: string | null;
  statusChangedAt: Date;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What a save must write besides the contract row. */
export interface ContractWrites {
  /** Versions added or whose status changed. */
  versions: ContractVersion[];
  /** The current version's payment plan replaced (a draft edit, or a change that became current). */
  planReplaced: boolean;
  /** Pending instalments voided with the contract. */
  planVoided: boolean;
  /** The end date moved: the ending-soon reminder is due again. */
  endingReminderReset: boolean;
}

/** The facts approval routes on [审批条件]: amount and contract type. */
export interface ApprovalFactsOf {
  amount: string;
  contractType: ContractType;
  versionNo: number;
  changes: FieldChanges;
}

const TERM_FIELDS = [
  'name',
  'type',
  'signingParty',
  'amount',
  'currency',
  'quantity',
  'paymentMethod',
  'startDate',
  'endDate',
  'productIds',
  'instalments',
] as const;

/** Terms checked and normalised: amounts to the cent, instalments by due date and summing exactly to the amount. */
export function checkedTerms(input: TermsInput): ContractTerms {
  const amount = toMoney(input.amount);
  if (amount === undefined) throw ContractErrors.invalidAmount('amount');
  const quantity = input.quantity === null ? null : toQuantity(input.quantity);
  if (quantity === undefined) throw ContractErrors.invalidAmount('quantity');
  if (input.startDate && input.endDate && input.endDate < input.startDate) throw ContractErrors.invalidPeriod();
  const ordered = input.instalments
    .map((instalment, index) => ({ ...instalment, index }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.index - b.index);
  const instalments = ordered.map((instalment, index) => {
    const value = toMoney(instalment.amount);
    if (value === undefined || !isPositive(value))
      throw ContractErrors.invalidInstalment(index + 1, 'the amount is a positive decimal string with at most 2 decimals');
    return { seq: index + 1, dueDate: instalment.dueDate, amount: value, note: instalment.note?.trim() || null };
  });
  if (instalments.length > 0) {
    const planTotal = sumOf(instalments.map((instalment) => instalment.amount));
    if (!sameAmount(planTotal, amount)) throw ContractErrors.planMismatch(amount, planTotal);
  }
  return {
    name: input.name.trim(),
    type: input.type,
    signingParty: input.signingParty.trim(),
    amount,
    currency: input.currency,
    quantity,
    paymentMethod: input.paymentMethod,
    startDate: input.startDate,
    endDate: input.endDate,
    productIds: [...new Set(input.productIds)],
    instalments,
  };
}

function asInput(terms: ContractTerms): TermsInput {
  return { ...terms, instalments: terms.instalments.map(({ dueDate, amount, note }) => ({ dueDate, amount, note })) };
}

/** JSON with object keys sorted: terms read back from jsonb come with their keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Before and after of every term that differs; lists (products, plan) compare as wholes. */
export function diffTerms(before: ContractTerms, after: ContractTerms): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of TERM_FIELDS) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (canonical(from) !== canonical(to)) changes[field] = { from, to };
  }
  return changes;
}

/** Which states each action leaves from, and where it goes. */
const TRANSITIONS = {
  activate: { from: ['approved'], to: 'executing' },
  suspend: { from: ['executing'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'executing' },
  complete: { from: ['executing'], to: 'completed' },
  void: { from: ['draft', 'approved', 'executing', 'suspended'], to: 'voided' },
  archive: { from: ['completed', 'voided'], to: 'archived' },
} as const satisfies Record<string, { from: readonly ContractStatus[]; to: ContractStatus }>;
export type ContractAction = keyof typeof TRANSITIONS;

export interface DraftInput {
  id: string;
  versionId: string;
  number: string;
  customerId: string;
  opportunityId: string | null;
  ownerId: string;
  terms: TermsInput;
  createdBy: string;
  now: Date;
}

/**
 * A contract [合同] with one customer. Its terms are versioned: the first version is the draft that
 * goes to approval; once approved, terms change only through a change [合同变更], a new version
 * approved like the contract and current from its approval on. Every transition is checked here;
 * an illegal one is a 409 naming the state the contract is in.
 */
export class Contract extends AggregateRoot {
  private readonly writes: ContractWrites = { versions: [], planReplaced: false, planVoided: false, endingReminderReset: false };

  private constructor(
    private state: ContractState,
    /** The versions the contract was loaded with: the current one and a change in approval. */
    private readonly versions: Map<number, ContractVersion>,
  ) {
    super();
  }

  static draft(input: DraftInput): Contract {
    const terms = checkedTerms(input.terms);
    const contract = new Contract(
      {
        id: input.id,
        number: input.number,
        customerId: input.customerId,
        opportunityId: input.opportunityId,
        ownerId: input.ownerId,
        status: 'draft',
        terms,
        currentVersion: 1,
        latestVersionNo: 1,
        approvalRequestId: null,
        pendingVersion: null,
        voidReason: null,
        statusChangedAt: input.now,
        createdBy: input.createdBy,
        createdAt: input.now,
        updatedAt: input.now,
        version: 1,
      },
      new Map(),
    );
    contract.record({
      id: input.versionId,
      versionNo: 1,
      status: 'draft',
      terms,
      changes: {},
      reason: null,
      approvalRequestId: null,
      requestedBy: input.createdBy,
      requestedAt: input.now,
      decidedAt: null,
    });
    contract.writes.planReplaced = true;
    contract.raise(
      ContractEvents.created.create(input.id, {
        ...contract.ref(),
        opportunityId: input.opportunityId,
        name: terms.name,
        type: terms.type,
        signingParty: terms.signingParty,
        amount: terms.amount,
        currency: terms.currency,
        startDate: terms.startDate,
        endDate: terms.endDate,
        productIds: terms.productIds,
        instalments: terms.instalments.map(({ seq, dueDate, amount }) => ({ seq, dueDate, amount })),
        createdBy: input.createdBy,
      }),
    );
    return contract;
  }

  static rehydrate(state: ContractState, versions: ContractVersion[]): Contract {
    return new Contract({ ...state }, new Map(versions.map((version) => [version.versionNo, { ...version }])));
  }

  get id(): string {
    return this.state.id;
  }

  get ownerId(): string {
    return this.state.ownerId;
  }

  snapshot(): Readonly<ContractState> {
    return this.state;
  }

  /** What the next save writes besides the contract row; cleared by `saved()`. */
  pendingWrites(): Readonly<ContractWrites> {
    return this.writes;
  }

  saved(): void {
    this.writes.versions = [];
    this.writes.planReplaced = false;
    this.writes.planVoided = false;
    this.writes.endingReminderReset = false;
  }

  /** Edits a draft in place [编辑草稿]; anything later changes through an amendment. */
  edit(edits: TermEdits, by: string, now: Date): FieldChanges {
    if (this.state.status === 'in-approval') throw ContractErrors.inApproval(this.state.status);
    if (this.state.status !== 'draft') throw ContractErrors.notDraft(this.state.status);
    const terms = checkedTerms({ ...asInput(this.state.terms), ...edits });
    const changes = diffTerms(this.state.terms, terms);
    if (Object.keys(changes).length === 0) return changes;
    const draft = this.versionOf(this.state.currentVersion);
    this.record({ ...draft, terms });
    if ('instalments' in changes) this.writes.planReplaced = true;
    this.state = { ...this.state, terms, updatedAt: now };
    this.raise(ContractEvents.updated.create(this.id, { ...this.ref(), changes, updatedBy: by }));
    return changes;
  }

  /** Sends the draft to approval [提交审批]: the facts the approval routes on; `attachApproval` completes it. */
  submit(now: Date): ApprovalFactsOf {
    if (this.state.status !== 'draft') throw ContractErrors.illegalTransition('submitted', this.state.status);
    if (this.state.terms.instalments.length === 0) throw ContractErrors.planRequired();
    this.record({ ...this.versionOf(this.state.currentVersion), status: 'in-approval', requestedAt: now, decidedAt: null });
    this.state = { ...this.state, status: 'in-approval', statusChangedAt: now, updatedAt: now };
    return { amount: this.state.terms.amount, contractType: this.state.terms.type, versionNo: this.state.currentVersion, changes: {} };
  }

  /** Proposes a change [合同变更] as a new version in approval; `attachApproval` completes it. */
  amend(edits: TermEdits, reason: string, by: string, now: Date, versionId: string): ApprovalFactsOf {
    const status = this.state.status;
    if (status === 'in-approval') throw ContractErrors.inApproval(status);
    if (status !== 'approved' && status !== 'executing') throw ContractErrors.notAmendable(status);
    if (this.state.pendingVersion !== null) throw ContractErrors.amendmentPending(this.state.pendingVersion);
    if (!reason.trim()) throw ContractErrors.reasonRequired();
    const terms = checkedTerms({ ...asInput(this.state.terms), ...edits });
    const changes = diffTerms(this.state.terms, terms);
    if (Object.keys(changes).length === 0) throw ContractErrors.noChanges();
    if (terms.instalments.length === 0) throw ContractErrors.planRequired();
    const versionNo = this.state.latestVersionNo + 1;
    this.record({
      id: versionId,
      versionNo,
      status: 'in-approval',
      terms,
      changes,
      reason: reason.trim(),
      approvalRequestId: null,
      requestedBy: by,
      requestedAt: now,
      decidedAt: null,
    });
    this.state = { ...this.state, pendingVersion: versionNo, latestVersionNo: versionNo, updatedAt: now };
    return { amount: terms.amount, contractType: terms.type, versionNo, changes };
  }

  /** The approval request now deciding the submission or the change. */
  attachApproval(requestId: string, by: string): void {
    const pending = this.state.pendingVersion;
    const version = this.versionOf(pending ?? this.state.currentVersion);
    this.record({ ...version, approvalRequestId: requestId });
    this.state = { ...this.state, approvalRequestId: requestId };
    if (pending === null) {
      this.raise(
        ContractEvents.submitted.create(this.id, {
          ...this.ref(),
          approvalRequestId: requestId,
          amount: this.state.terms.amount,
          currency: this.state.terms.currency,
          type: this.state.terms.type,
          submittedBy: by,
        }),
      );
    } else {
      this.raise(
        ContractEvents.amendmentSubmitted.create(this.id, {
          ...this.ref(),
          versionNo: pending,
          approvalRequestId: requestId,
          reason: version.reason ?? '',
          changes: version.changes,
          amount: version.terms.amount,
          currency: version.terms.currency,
          submittedBy: by,
        }),
      );
    }
  }

  /** The approval granted [审批通过]: the contract is approved, or the change becomes current. False for a request no longer awaited. */
  approvalGranted(requestId: string, now: Date): boolean {
    if (this.state.approvalRequestId !== requestId) return false;
    const pending = this.state.pendingVersion;
    if (pending === null) {
      if (this.state.status !== 'in-approval') return false;
      this.record({ ...this.versionOf(this.state.currentVersion), status: 'current', decidedAt: now });
      this.state = { ...this.state, status: 'approved', approvalRequestId: null, statusChangedAt: now, updatedAt: now };
      this.raise(
        ContractEvents.approved.create(this.id, {
          ...this.ref(),
          approvalRequestId: requestId,
          amount: this.state.terms.amount,
          currency: this.state.terms.currency,
        }),
      );
      return true;
    }
    const previous = this.versionOf(this.state.currentVersion);
    const amendment = this.versionOf(pending);
    this.record({ ...previous, status: 'superseded' });
    this.record({ ...amendment, status: 'current', decidedAt: now });
    if (amendment.terms.endDate !== this.state.terms.endDate) this.writes.endingReminderReset = true;
    if ('instalments' in amendment.changes) this.writes.planReplaced = true;
    this.state = { ...this.state, terms: amendment.terms, currentVersion: pending, pendingVersion: null, approvalRequestId: null, updatedAt: now };
    this.raise(
      ContractEvents.amended.create(this.id, {
        ...this.ref(),
        versionNo: pending,
        previousVersionNo: previous.versionNo,
        approvalRequestId: requestId,
        reason: amendment.reason ?? '',
        changes: amendment.changes,
        amount: amendment.terms.amount,
        currency: amendment.terms.currency,
        endDate: amendment.terms.endDate,
      }),
    );
    return true;
  }

  /** Rejected [驳回] or recalled [撤回]: the contract goes back to draft, or the change is closed. False for a request no longer awaited. */
  approvalReturned(requestId: string, outcome: 'rejected' | 'recalled', reason: string | null, now: Date): boolean {
    if (this.state.approvalRequestId !== requestId) return false;
    const pending = this.state.pendingVersion;
    if (pending === null) {
      if (this.state.status !== 'in-approval') return false;
      this.record({ ...this.versionOf(this.state.currentVersion), status: 'draft', decidedAt: now });
      this.state = { ...this.state, status: 'draft', approvalRequestId: null, statusChangedAt: now, updatedAt: now };
      this.raise(ContractEvents.returned.create(this.id, { ...this.ref(), approvalRequestId: requestId, outcome, reason }));
      return true;
    }
    this.record({ ...this.versionOf(pending), status: outcome, decidedAt: now });
    this.state = { ...this.state, pendingVersion: null, approvalRequestId: null, updatedAt: now };
    this.raise(ContractEvents.amendmentReturned.create(this.id, { ...this.ref(), versionNo: pending, approvalRequestId: requestId, outcome, reason }));
    return true;
  }

  /**
   * A state action [状态操作]: activate, suspend, resume, complete, void (pending instalments void with
   * it, a change in approval is withdrawn) or archive. Answers the approval request to withdraw, if any.
   */
  transition(action: ContractAction, by: string, now: Date, reason: string | null = null): { withdrawRequestId: string | null } {
    const rule = TRANSITIONS[action];
    const from = this.state.status;
    if (!(rule.from as readonly ContractStatus[]).includes(from)) throw ContractErrors.illegalTransition(PAST[action], from);
    if ((action === 'void' || action === 'suspend') && !reason?.trim()) throw ContractErrors.reasonRequired();
    if (action === 'complete' && this.state.pendingVersion !== null) throw ContractErrors.amendmentPending(this.state.pendingVersion);
    let withdrawRequestId: string | null = null;
    if (action === 'void' && this.state.pendingVersion !== null) {
      withdrawRequestId = this.state.approvalRequestId;
      this.record({ ...this.versionOf(this.state.pendingVersion), status: 'withdrawn', decidedAt: now });
      this.state = { ...this.state, pendingVersion: null, approvalRequestId: null };
    }
    this.state = {
      ...this.state,
      status: rule.to,
      voidReason: action === 'void' ? reason!.trim() : this.state.voidReason,
      statusChangedAt: now,
      updatedAt: now,
    };
    const ref = this.ref();
    switch (action) {
      case 'activate':
        this.raise(ContractEvents.activated.create(this.id, { ...ref, activatedBy: by }));
        break;
      case 'suspend':
        this.raise(ContractEvents.suspended.create(this.id, { ...ref, reason: reason!.trim(), suspendedBy: by }));
        break;
      case 'resume':
        this.raise(ContractEvents.resumed.create(this.id, { ...ref, resumedBy: by }));
        break;
      case 'complete':
        this.raise(ContractEvents.completed.create(this.id, { ...ref, completedBy: by }));
        break;
      case 'void': {
        const instalments = this.state.terms.instalments;
        this.writes.planVoided = true;
        this.raise(
          ContractEvents.voided.create(this.id, {
            ...ref,
            reason: reason!.trim(),
            previousStatus: from,
            voidedInstalments: instalments.length,
            voidedAmount: sumOf(instalments.map((instalment) => instalment.amount)),
            currency: this.state.terms.currency,
            voidedBy: by,
          }),
        );
        break;
      }
      case 'archive':
        this.raise(ContractEvents.archived.create(this.id, { ...ref, previousStatus: from, archivedBy: by }));
        break;
    }
    return { withdrawRequestId };
  }

  private ref(): { contractId: string; customerId: string; number: string; ownerId: string; status: ContractStatus } {
    return { contractId: this.state.id, customerId: this.state.customerId, number: this.state.number, ownerId: this.state.ownerId, status: this.state.status };
  }

  private versionOf(versionNo: number): ContractVersion {
    const version = this.versions.get(versionNo);
    if (!version) throw new Error(`Contract ${this.state.id} was loaded without its version ${versionNo}.`);
    return version;
  }

  private record(version: ContractVersion): void {
    this.versions.set(version.versionNo, version);
    this.writes.versions = [...this.writes.versions.filter((written) => written.versionNo !== version.versionNo), version];
  }
}

/** How an action reads in "cannot be …". */
const PAST: Record<ContractAction, string> = {
  activate: 'activated',
  suspend: 'suspended',
  resume: 'resumed',
  complete: 'completed',
  void: 'voided',
  archive: 'archived',
};
