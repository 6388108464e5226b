import { AggregateRoot } from '@crm/kernel';
import { TicketEvents, type TicketRefV1 } from '../contracts/events.js';
import { TicketErrors } from './ticket.errors.js';
import type { EligibilityVerdict, RecordKind, TicketActorRef, TicketChannel, TicketPriority, TicketStatus } from './ticket.types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The transitions people ask for by name [工单状态]; assignment and transfer move between new and assigned themselves. */
const ASKED_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['cancelled'],
  assigned: ['in-progress', 'cancelled'],
  'in-progress': ['waiting-on-customer', 'resolved', 'cancelled'],
  'waiting-on-customer': ['in-progress', 'resolved', 'cancelled'],
  resolved: ['closed', 'in-progress'],
  closed: [],
  cancelled: [],
};

/** Statuses in which a ticket is still being handled: it can be assigned, transferred, escalated. */
const HANDLING: readonly TicketStatus[] = ['new', 'assigned', 'in-progress', 'waiting-on-customer'];

export interface TicketState {
  id: string;
  number: string;
  customerId: string;
  customerGrade: string | null;
  region: string | null;
  contactId: string | null;
  productId: string | null;
  productLineId: string | null;
  orderId: string | null;
  contractId: string | null;
  typeId: string;
  typePath: string[];
  title: string;
  description: string;
  priority: TicketPriority;
  channel: TicketChannel;
  status: TicketStatus;
  teamId: string | null;
  handlerId: string | null;
  /** Support tier [升级层级], 1 at creation, one more per escalation. */
  tier: number;
  resolution: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  firstRespondedAt: Date | null;
  satisfactionScore: number | null;
  satisfactionComment: string | null;
  ratedAt: Date | null;
  eligibility: EligibilityVerdict;
  createdVia: 'staff' | 'self-service';
  createdBy: TicketActorRef;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface StatusChange {
  from: TicketStatus | null;
  to: TicketStatus;
  at: Date;
  by: TicketActorRef | null;
  reason: string | null;
}

export interface TicketRecord {
  id: string;
  kind: RecordKind;
  body: string;
  author: TicketActorRef;
  createdAt: Date;
}

export interface HandlingChange {
  kind: 'assignment' | 'escalation' | 'transfer';
  fromTeamId: string | null;
  toTeamId: string | null;
  fromHandlerId: string | null;
  toHandlerId: string | null;
  reason: string | null;
  /** For escalations sent by another process (an SLA warning): the same key is acted on once. */
  dedupeKey: string | null;
  by: string | null;
  at: Date;
}

export interface TicketPending {
  statusChanges: StatusChange[];
  records: TicketRecord[];
  handling: HandlingChange[];
}

export type NewTicket = Omit<
  TicketState,
  | 'status'
  | 'teamId'
  | 'handlerId'
  | 'tier'
  | 'resolution'
  | 'resolvedAt'
  | 'closedAt'
  | 'firstRespondedAt'
  | 'satisfactionScore'
  | 'satisfactionComment'
  | 'ratedAt'
  | 'updatedAt'
  | 'version'
>;

/**
 * A ticket [工单]: a customer's request followed from filing to closing. It guards the status
 * machine (illegal moves are 409 with the current status), records every status change with who
 * and when (the SLA clock is replayed from them), and raises an event for each.
 */
export class Ticket extends AggregateRoot {
  private pending: TicketPending = { statusChanges: [], records: [], handling: [] };
  /** The version as loaded (0 for a new ticket): a save writes only over it. */
  readonly loadedVersion: number;

  private constructor(
    private readonly state: TicketState,
    isNew = false,
  ) {
    super();
    this.loadedVersion = isNew ? 0 : state.version;
  }

  static rehydrate(state: TicketState): Ticket {
    return new Ticket(state);
  }

  /** Files a ticket [建单]; a type that refuses ineligible requests refuses it here, with the reasons. */
  static file(input: NewTicket): Ticket {
    const { eligibility } = input;
    if (eligibility.policy === 'refuse' && eligibility.eligible === false) throw TicketErrors.notEligible(eligibility.checks);
    const ticket = new Ticket(
      {
        ...input,
        status: 'new',
        teamId: null,
        handlerId: null,
        tier: 1,
        resolution: null,
        resolvedAt: null,
        closedAt: null,
        firstRespondedAt: null,
        satisfactionScore: null,
        satisfactionComment: null,
        ratedAt: null,
        updatedAt: input.createdAt,
        version: 1,
      },
      true,
    );
    ticket.pending.statusChanges.push({ from: null, to: 'new', at: input.createdAt, by: input.createdBy, reason: null });
    ticket.raise(
      TicketEvents.created.create(input.id, {
        ...ticket.ref,
        contactId: input.contactId,
        typeId: input.typeId,
        typePath: input.typePath,
        title: input.title,
        priority: input.priority,
        channel: input.channel,
        status: 'new',
        teamId: null,
        handlerId: null,
        productId: input.productId,
        orderId: input.orderId,
        contractId: input.contractId,
        eligible: eligibility.eligible,
        createdVia: input.createdVia,
        createdBy: input.createdBy.id,
      }),
    );
    return ticket;
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  get status(): TicketStatus {
    return this.state.status;
  }

  snapshot(): Readonly<TicketState> {
    return this.state;
  }

  /** For the repository, once: the history rows, records and handling changes added since the last save. */
  takePendingWrites(): TicketPending {
    const pending = this.pending;
    this.pending = { statusChanges: [], records: [], handling: [] };
    return pending;
  }

  private get ref(): TicketRefV1 {
    return { ticketId: this.state.id, number: this.state.number, customerId: this.state.customerId };
  }

  /** Flagged as not entitled to service and not overridden yet: nobody works it until a supervisor says so. */
  get awaitsEligibilityOverride(): boolean {
    const { eligibility } = this.state;
    return eligibility.eligible === false && eligibility.override === null;
  }

  /**
   * Gives the ticket a team and/or a handler [分派]: by the rules, by hand or by a grab. A ticket
   * with a handler is `assigned` (or keeps its working status); one left in a team queue is `new`.
   */
  assign(input: {
    teamId: string | null;
    handlerId: string | null;
    how: 'rule' | 'manual' | 'grab';
    ruleId?: string | null;
    by: TicketActorRef | null;
    now: Date;
  }): void {
    this.assertHandling(input.handlerId ? 'assigned' : 'new');
    if (input.how === 'grab' && this.state.handlerId !== null) throw TicketErrors.alreadyTaken(this.state.handlerId);
    const previousHandlerId = this.state.handlerId;
    this.pending.handling.push({
      kind: 'assignment',
      fromTeamId: this.state.teamId,
      toTeamId: input.teamId,
      fromHandlerId: previousHandlerId,
      toHandlerId: input.handlerId,
      reason: input.how,
      dedupeKey: null,
      by: input.by?.id ?? null,
      at: input.now,
    });
    this.state.teamId = input.teamId;
    this.state.handlerId = input.handlerId;
    this.touch(input.now);
    this.raise(
      TicketEvents.assigned.create(this.id, {
        ...this.ref,
        teamId: input.teamId,
        handlerId: input.handlerId,
        previousHandlerId,
        how: input.how,
        ruleId: input.ruleId ?? null,
        by: input.by?.id ?? null,
      }),
    );
    this.followHandler(input.by, input.now, null);
  }

  /** Transfers the ticket [转派] to another agent or team, with a reason. */
  transfer(input: { teamId: string | null; handlerId: string | null; reason: string; by: TicketActorRef; now: Date }): void {
    this.assertHandling('transferred');
    if (!input.reason.trim()) throw TicketErrors.reasonRequired();
    if (input.handlerId !== null && input.handlerId === this.state.handlerId) throw TicketErrors.sameHandler();
    const from = { teamId: this.state.teamId, handlerId: this.state.handlerId };
    this.pending.handling.push({
      kind: 'transfer',
      fromTeamId: from.teamId,
      toTeamId: input.teamId,
      fromHandlerId: from.handlerId,
      toHandlerId: input.handlerId,
      reason: input.reason,
      dedupeKey: null,
      by: input.by.id,
      at: input.now,
    });
    this.state.teamId = input.teamId;
    this.state.handlerId = input.handlerId;
    this.touch(input.now);
    this.raise(
      TicketEvents.transferred.create(this.id, {
        ...this.ref,
        fromTeamId: from.teamId,
        toTeamId: input.teamId,
        fromHandlerId: from.handlerId,
        toHandlerId: input.handlerId,
        reason: input.reason,
        by: input.by.id,
      }),
    );
    this.followHandler(input.by, input.now, input.reason);
  }

  /**
   * Escalates [升级] to the next tier: the ticket goes to `toHandlerId` (a supervisor). An
   * escalation sent with a key already acted on (an SLA warning delivered twice) changes nothing.
   */
  escalate(input: {
    toHandlerId: string;
    toTeamId: string | null;
    reason: string;
    trigger: 'manual' | 'sla-warning' | 'sla-breach';
    dedupeKey: string | null;
    by: TicketActorRef | null;
    now: Date;
  }): void {
    this.assertHandling('escalated');
    if (!input.reason.trim()) throw TicketErrors.reasonRequired();
    const fromHandlerId = this.state.handlerId;
    this.pending.handling.push({
      kind: 'escalation',
      fromTeamId: this.state.teamId,
      toTeamId: input.toTeamId,
      fromHandlerId,
      toHandlerId: input.toHandlerId,
      reason: input.reason,
      dedupeKey: input.dedupeKey,
      by: input.by?.id ?? null,
      at: input.now,
    });
    this.state.tier += 1;
    this.state.handlerId = input.toHandlerId;
    this.state.teamId = input.toTeamId;
    this.touch(input.now);
    this.raise(
      TicketEvents.escalated.create(this.id, {
        ...this.ref,
        tier: this.state.tier,
        fromHandlerId,
        toHandlerId: input.toHandlerId,
        reason: input.reason,
        trigger: input.trigger,
        by: input.by?.id ?? null,
      }),
    );
    this.followHandler(input.by, input.now, input.reason);
  }

  /**
   * A status asked for by name. Reopening (resolved → in progress) is allowed within the type's
   * window after the resolution; resolving needs a resolution, cancelling a reason.
   */
  changeStatus(to: TicketStatus, input: { by: TicketActorRef; now: Date; resolution?: string | null; reason?: string | null; reopenWindowDays: number }): void {
    const from = this.state.status;
    if (!ASKED_TRANSITIONS[from].includes(to)) throw TicketErrors.illegalTransition(from, to);
    const reason = input.reason?.trim() || null;
    if ((to === 'in-progress' || to === 'resolved') && this.awaitsEligibilityOverride) throw TicketErrors.overrideRequired();
    if (to === 'resolved') {
      const resolution = input.resolution?.trim();
      if (!resolution) throw TicketErrors.resolutionRequired();
      this.state.resolution = resolution;
      this.state.resolvedAt = input.now;
    }
    if (to === 'cancelled' && !reason) throw TicketErrors.reasonRequired();
    const reopening = from === 'resolved' && to === 'in-progress';
    if (reopening && input.now.getTime() - this.state.resolvedAt!.getTime() > input.reopenWindowDays * DAY_MS) {
      throw TicketErrors.reopenWindowPassed(input.reopenWindowDays);
    }
    this.moveTo(to, input.by, input.now, reason);
    const at = input.now.toISOString();
    if (to === 'resolved') this.raise(TicketEvents.resolved.create(this.id, { ...this.ref, resolution: this.state.resolution!, at, by: input.by.id }));
    if (to === 'closed') {
      this.state.closedAt = input.now;
      this.raise(TicketEvents.closed.create(this.id, { ...this.ref, at, by: input.by.id }));
    }
    if (to === 'cancelled') {
      this.state.closedAt = input.now;
      this.raise(TicketEvents.cancelled.create(this.id, { ...this.ref, at, by: input.by.id, reason: reason! }));
    }
    if (reopening) {
      this.state.resolvedAt = null;
      this.raise(TicketEvents.reopened.create(this.id, { ...this.ref, at, by: input.by.id, reason }));
    }
  }

  /**
   * Adds a handling record [处理记录]. The first public reply is the first response [首次响应];
   * the handler's reply starts work on an assigned ticket, and a customer's reply brings a ticket
   * waiting on them back to work.
   */
  addRecord(record: TicketRecord): void {
    if (this.state.status === 'closed' || this.state.status === 'cancelled') throw TicketErrors.illegalTransition(this.state.status, 'a new record');
    this.pending.records.push(record);
    this.touch(record.createdAt);
    this.raise(
      TicketEvents.recordAdded.create(this.id, {
        ...this.ref,
        recordId: record.id,
        kind: record.kind,
        authorKind: record.author.kind,
        authorId: record.author.id,
      }),
    );
    if (record.kind === 'public-reply' && this.state.firstRespondedAt === null) {
      this.state.firstRespondedAt = record.createdAt;
      this.raise(TicketEvents.firstResponded.create(this.id, { ...this.ref, at: record.createdAt.toISOString(), by: record.author.id }));
    }
    if (record.kind === 'public-reply' && this.state.status === 'assigned' && record.author.id === this.state.handlerId && !this.awaitsEligibilityOverride) {
      this.moveTo('in-progress', record.author, record.createdAt, null);
    }
    if (record.kind === 'customer-reply' && this.state.status === 'waiting-on-customer') {
      this.moveTo('in-progress', record.author, record.createdAt, 'customer replied');
    }
  }

  /** The customer's satisfaction [满意度] with a resolved or closed ticket, once. */
  rate(score: number, comment: string | null, now: Date): void {
    if (this.state.status !== 'resolved' && this.state.status !== 'closed') throw TicketErrors.illegalTransition(this.state.status, 'rated');
    if (this.state.ratedAt !== null) throw TicketErrors.alreadyRated();
    this.state.satisfactionScore = score;
    this.state.satisfactionComment = comment;
    this.state.ratedAt = now;
    this.touch(now);
    this.raise(TicketEvents.rated.create(this.id, { ...this.ref, score, comment }));
  }

  /** A supervisor accepts a ticket flagged as not entitled to service [资格特批]; the reason is kept with the verdict. */
  overrideEligibility(by: string, reason: string, now: Date): void {
    if (!this.awaitsEligibilityOverride) throw TicketErrors.nothingToOverride();
    if (!reason.trim()) throw TicketErrors.reasonRequired();
    this.state.eligibility = { ...this.state.eligibility, override: { by, at: now.toISOString(), reason: reason.trim() } };
    this.touch(now);
    this.raise(
      TicketEvents.eligibilityOverridden.create(this.id, {
        ...this.ref,
        by,
        reason: reason.trim(),
        failedChecks: this.state.eligibility.checks.filter((check) => !check.passed).map((check) => check.check),
      }),
    );
  }

  /** The status follows who holds the ticket: a handler makes a new ticket assigned; none sends it back to its queue. */
  private followHandler(by: TicketActorRef | null, now: Date, reason: string | null): void {
    if (this.state.handlerId !== null && this.state.status === 'new') this.moveTo('assigned', by, now, reason);
    else if (this.state.handlerId === null && this.state.status !== 'new') this.moveTo('new', by, now, reason);
  }

  /** 409 unless the ticket is still being handled (for work attached to it, such as a field work order). */
  assertHandling(action: string): void {
    if (!HANDLING.includes(this.state.status)) throw TicketErrors.illegalTransition(this.state.status, action);
  }

  private moveTo(to: TicketStatus, by: TicketActorRef | null, now: Date, reason: string | null): void {
    const from = this.state.status;
    this.state.status = to;
    this.touch(now);
    this.pending.statusChanges.push({ from, to, at: now, by, reason });
    this.raise(
      TicketEvents.statusChanged.create(this.id, {
        ...this.ref,
        from,
        to,
        at: now.toISOString(),
        by: by?.id ?? null,
        byKind: by?.kind ?? 'system',
        reason,
      }),
    );
  }

  /** One version more per unit of work, however many changes it makes. */
  private touch(now: Date): void {
    this.state.updatedAt = now;
    if (this.state.version === this.loadedVersion) this.state.version += 1;
  }
}
