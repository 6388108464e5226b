import { AggregateRoot, diffFields, type FieldChanges } from '@crm/kernel';
import { LeadEvents, type AssignedHowV1, type LeadConversionRefusedV1, type ScoreCauseV1 } from '../contracts/events.js';
import { closureReasonV1, type ClosureReason } from './closure-reason.js';
import { leadKeys, type LeadKeys, type MatchedOn } from './lead-keys.js';
import { LeadErrors } from './lead.errors.js';
import { PROFILE_FIELDS, type ActivityKind, type CallOutcome, type LastCall, type LeadProfile, type LeadStatus, type ScoredActivity } from './lead.types.js';
import { sameScore, scoreLead, type Contribution, type ScoringRules } from './scoring.js';

/** Activities may carry a time a little ahead of ours (other systems' clocks), not more. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface LeadActivity {
  id: string;
  kind: ActivityKind;
  occurredAt: Date;
  outcome: CallOutcome | null;
  channel: string | null;
  campaign: string | null;
  detail: Record<string, unknown>;
  recordedBy: string;
  recordedAt: Date;
}

export interface LeadClosure {
  /** The closure reason's key [关闭原因]. */
  reason: string;
  note: string | null;
  by: string;
  at: Date;
}

export interface LeadScoring {
  score: number;
  grade: string;
  contributions: Contribution[];
  tags: string[];
  /** Version of the scoring rules the score was computed with. */
  rulesVersion: number;
  scoredAt: Date | null;
  nextRescoreAt: Date | null;
}

export interface LeadState {
  id: string;
  status: LeadStatus;
  profile: LeadProfile;
  keys: LeadKeys;
  poolId: string;
  poolPath: string[];
  ownerId: string | null;
  assignedAt: Date | null;
  lastWorkedAt: Date | null;
  lastCall: LastCall | null;
  matchedCustomerId: string | null;
  /** The date it was first captured elsewhere [原始获取日期] (YYYY-MM-DD), when an import said so. */
  capturedAt: string | null;
  /** Why and when it was given up [关闭]; set while the lead is closed. */
  closure: LeadClosure | null;
  /** What the lead became [转化结果]: set once, when it is converted. */
  /** What the conversion produced; `customerCreated` unknown (null) for some early conversions, `opportunityAmount` the amount it was opened with. */
  conversion: {
    customerId: string;
    contactId: string;
    opportunityId: string | null;
    at: Date;
    customerCreated: boolean | null;
    opportunityAmount: string | null;
  } | null;
  /** A conversion waiting for an approver [转化待审批]: set while the lead is `converting`. */
  pendingConversion: PendingConversion | null;
  scoring: LeadScoring;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Moves with edits and moves (the ETag); not with scores, which change in the background. */
  version: number;
}

/** What a conversion still has to do once its customer may be held by the converter. */
export interface ConversionRequest {
  /** The name given for the customer, which also names a contact the lead has no name for. */
  customerName: string | null;
  contactRole: 'decision-maker' | 'influencer' | 'user' | 'finance' | 'other' | null;
  opportunity: { name: string; amount: string | null; expectedCloseDate: string | null; pipelineId: string | null } | null;
}

/** A conversion whose new customer waits in the pool for an approver, reserved for the converter. */
export interface PendingConversion {
  customerId: string;
  applicationId: string;
  approvalRequestId: string;
  reservedUntil: Date;
  request: ConversionRequest;
  requestedBy: string;
  requestedAt: Date;
}

export type ConversionRefusal = LeadConversionRefusedV1['reason'];

/** One ownership change as the assignment log keeps it [分配记录]. */
export interface OwnershipChange {
  how: AssignedHowV1 | 'recycle';
  poolId: string;
  poolPath: string[];
  ownerId: string | null;
  previousOwnerId: string | null;
  ruleId: string | null;
  strategy: string | null;
  detail: Record<string, unknown>;
  by: string;
  at: Date;
}

export interface LeadPending {
  activities: LeadActivity[];
  move: { fromPoolId: string; toPoolId: string; toPath: string[]; reason: string; by: string; at: Date } | null;
  ownership: OwnershipChange[];
}

/** Why a recycle happened: no follow-up, or no conversion, within the pool's limit. */
export type RecycleRule = 'not-followed-up' | 'not-converted';

export interface VersionedRules {
  version: number;
  rules: ScoringRules;
}

/**
 * A lead [线索]: a person or company that showed interest, in a pool, scored by the rules.
 * Captures, edits, behaviour, merged duplicate submissions and moves go through its intent methods;
 * each raises the event its history is built from, and every score change says which rules fired.
 */
export class Lead extends AggregateRoot {
  private pending: LeadPending = { activities: [], move: null, ownership: [] };

  private constructor(private readonly state: LeadState) {
    super();
  }

  static rehydrate(state: LeadState): Lead {
    return new Lead(state);
  }

  /** A new open lead in a pool [录入线索]; it is scored by `rescore` before it is saved. */
  static capture(input: {
    id: string;
    profile: LeadProfile;
    poolId: string;
    poolPath: string[];
    ownerId: string | null;
    matchedCustomerId: string | null;
    /** The date it was first captured elsewhere (an import's column), YYYY-MM-DD. */
    capturedAt?: string | null;
    createdBy: string;
    now: Date;
  }): Lead {
    const lead = new Lead({
      id: input.id,
      status: 'open',
      profile: input.profile,
      keys: leadKeys(input.profile),
      poolId: input.poolId,
      poolPath: input.poolPath,
      ownerId: input.ownerId,
      assignedAt: input.ownerId ? input.now : null,
      lastWorkedAt: null,
      lastCall: null,
      matchedCustomerId: input.matchedCustomerId,
      capturedAt: input.capturedAt ?? null,
      closure: null,
      conversion: null,
      pendingConversion: null,
      scoring: { score: 0, grade: '', contributions: [], tags: [], rulesVersion: 0, scoredAt: null, nextRescoreAt: null },
      createdBy: input.createdBy,
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    const { profile } = input;
    lead.raise(
      LeadEvents.captured.create(input.id, {
        leadId: input.id,
        poolId: input.poolId,
        poolPath: input.poolPath,
        personName: profile.personName,
        companyName: profile.companyName,
        channel: profile.channel,
        campaign: profile.campaign,
        utmSource: profile.utmSource,
        utmMedium: profile.utmMedium,
        utmCampaign: profile.utmCampaign,
        ownerId: input.ownerId,
        matchedCustomerId: input.matchedCustomerId,
        createdBy: input.createdBy,
      }),
    );
    return lead;
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  get keys(): LeadKeys {
    return this.state.keys;
  }

  /** For the repository: what to write. */
  snapshot(): Readonly<LeadState> {
    return this.state;
  }

  /** For the repository, once: the activities and the move added since the last save. */
  takePendingWrites(): LeadPending {
    const pending = this.pending;
    this.pending = { activities: [], move: null, ownership: [] };
    return pending;
  }

  /** Edits contact details or source [编辑线索]; null clears a field. Returns what changed. */
  update(edits: Partial<LeadProfile>, now: Date): FieldChanges {
    this.assertOpen();
    const before = this.state.profile;
    const after = { ...before, ...edits };
    const changes = diffFields(before, after, PROFILE_FIELDS);
    if (Object.keys(changes).length === 0) return changes;
    this.state.keys = leadKeys(after);
    this.state.profile = after;
    this.state.updatedAt = now;
    this.state.version += 1;
    this.raise(LeadEvents.updated.create(this.id, { leadId: this.id, poolId: this.state.poolId, changes }));
    return changes;
  }

  /** The existing customer the lead's current keys name [已是客户], if any (after an edit of its mobile, e-mail or company). */
  matchCustomer(customerId: string | null): void {
    this.assertOpen();
    this.state.matchedCustomerId = customerId;
  }

  /** Behaviour arrived [线索行为]; a call outcome also becomes the lead's latest call. */
  recordActivity(activity: Omit<LeadActivity, 'recordedAt'>, now: Date): void {
    this.assertLive();
    if ((activity.kind === 'call-outcome') !== (activity.outcome !== null)) throw LeadErrors.outcomeRequired();
    if (activity.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw LeadErrors.activityInFuture();
    this.addActivity({ ...activity, recordedAt: now });
    if (activity.kind === 'call-outcome') {
      if (!this.state.lastCall || this.state.lastCall.at.getTime() <= activity.occurredAt.getTime()) {
        this.state.lastCall = { outcome: activity.outcome!, at: activity.occurredAt };
      }
    }
    // A follow-up [跟进]: a call outcome, or anything the owner records; recycling counts from it.
    if (activity.kind === 'call-outcome' || (this.state.ownerId !== null && activity.recordedBy === this.state.ownerId)) this.state.lastWorkedAt = now;
    this.raise(
      LeadEvents.activityRecorded.create(this.id, {
        leadId: this.id,
        poolId: this.state.poolId,
        activityId: activity.id,
        kind: activity.kind,
        occurredAt: activity.occurredAt.toISOString(),
        outcome: activity.outcome,
        channel: activity.channel,
      }),
    );
  }

  /**
   * A submission matching this open lead [重复留资] becomes an activity of it instead of a second
   * lead (LEAD-2). The lead's fields stay as they are; the submission is kept whole in the activity.
   */
  mergeSubmission(input: { activityId: string; submission: LeadProfile; matchedOn: MatchedOn; by: string; now: Date }): void {
    this.assertLive();
    const { submission } = input;
    const detail = Object.fromEntries(Object.entries(submission).filter(([, value]) => value !== null));
    this.addActivity({
      id: input.activityId,
      kind: 'resubmission',
      occurredAt: input.now,
      outcome: null,
      channel: submission.channel,
      campaign: submission.campaign,
      detail: { ...detail, matchedOn: input.matchedOn },
      recordedBy: input.by,
      recordedAt: input.now,
    });
    this.raise(
      LeadEvents.merged.create(this.id, {
        leadId: this.id,
        poolId: this.state.poolId,
        activityId: input.activityId,
        matchedOn: input.matchedOn,
        channel: submission.channel,
        campaign: submission.campaign,
        submittedBy: input.by,
      }),
    );
  }

  /** Moves the lead to another pool [线索流转]; the pools it passed through stay on record. */
  moveTo(to: { id: string; path: string[] }, reason: string, by: string, now: Date): void {
    this.assertOpen();
    if (to.id === this.state.poolId) throw LeadErrors.samePool();
    const from = { id: this.state.poolId, path: this.state.poolPath };
    this.state.poolId = to.id;
    this.state.poolPath = to.path;
    this.state.updatedAt = now;
    this.state.version += 1;
    this.pending.move = { fromPoolId: from.id, toPoolId: to.id, toPath: to.path, reason, by, at: now };
    this.raise(LeadEvents.moved.create(this.id, { leadId: this.id, fromPoolId: from.id, toPoolId: to.id, fromPath: from.path, toPath: to.path, reason }));
  }

  /**
   * Scores the lead with `rules` over `activities` (those already saved; the ones added in this
   * unit of work are included here) and records a `lead.scored` event when the score, the grade or
   * the rules that fire changed, or when it is the lead's first score.
   */
  rescore(rules: VersionedRules, activities: readonly ScoredActivity[], now: Date, cause: ScoreCauseV1, activityId: string | null = null): boolean {
    const result = scoreLead({
      profile: this.state.profile,
      activities: [...activities, ...this.pending.activities],
      lastCall: this.state.lastCall,
      rules: rules.rules,
      now,
    });
    const before = this.state.scoring;
    const first = before.scoredAt === null;
    this.state.scoring = {
      score: result.score,
      grade: result.grade,
      contributions: result.contributions,
      tags: result.tags,
      rulesVersion: rules.version,
      scoredAt: now,
      nextRescoreAt: result.nextRescoreAt,
    };
    if (!first && sameScore(before, result) && before.tags.join() === result.tags.join()) return false;
    this.raise(
      LeadEvents.scored.create(this.id, {
        leadId: this.id,
        poolId: this.state.poolId,
        cause,
        activityId,
        fromScore: first ? null : before.score,
        toScore: result.score,
        fromGrade: first ? null : before.grade,
        toGrade: result.grade,
        rulesVersion: rules.version,
        contributions: result.contributions,
        tags: result.tags,
      }),
    );
    return true;
  }

  get ownerId(): string | null {
    return this.state.ownerId;
  }

  get poolId(): string {
    return this.state.poolId;
  }

  get poolPath(): readonly string[] {
    return this.state.poolPath;
  }

  /**
   * Gives the lead an owner [线索分配]: by the pool's rules (`auto`, with the decision's
   * candidates and skips), by an admin (`manual`), or claimed by a member (`claim`, only while
   * nobody owns it [抢单]). The assignment log and the history keep who, how and why.
   */
  assign(input: {
    ownerId: string;
    how: AssignedHowV1;
    by: string;
    now: Date;
    reason?: string | null;
    ruleId?: string | null;
    strategy?: string | null;
    candidates?: string[];
    skipped?: { id: string; reason: string }[];
  }): void {
    this.assertOpen();
    const previousOwnerId = this.state.ownerId;
    if (input.how === 'claim' && previousOwnerId !== null) throw LeadErrors.alreadyOwned();
    if (previousOwnerId === input.ownerId) throw LeadErrors.alreadyOwner();
    this.state.ownerId = input.ownerId;
    this.state.assignedAt = input.now;
    this.state.lastWorkedAt = null;
    this.state.updatedAt = input.now;
    this.state.version += 1;
    const decision = { candidates: input.candidates ?? [], skipped: input.skipped ?? [] };
    this.pending.ownership.push({
      how: input.how,
      poolId: this.state.poolId,
      poolPath: this.state.poolPath,
      ownerId: input.ownerId,
      previousOwnerId,
      ruleId: input.ruleId ?? null,
      strategy: input.strategy ?? null,
      detail: { ...decision, reason: input.reason ?? null },
      by: input.by,
      at: input.now,
    });
    this.raise(
      LeadEvents.assigned.create(this.id, {
        leadId: this.id,
        poolId: this.state.poolId,
        poolPath: this.state.poolPath,
        ownerId: input.ownerId,
        previousOwnerId,
        how: input.how,
        ruleId: input.ruleId ?? null,
        strategy: input.strategy ?? null,
        reason: input.reason ?? null,
        ...decision,
      }),
    );
  }

  /**
   * Takes the lead from its owner [线索回收] because it was not followed up (or not converted)
   * within the pool's limit, and puts it in `to` (the parent pool by default), or leaves it
   * ownerless in its own pool when `to` is that pool.
   */
  recycle(input: { to: { id: string; path: string[] }; rule: RecycleRule; afterDays: number; now: Date }): void {
    this.assertOpen();
    const previousOwnerId = this.state.ownerId;
    if (previousOwnerId === null) throw LeadErrors.notOwned();
    const from = { id: this.state.poolId, path: this.state.poolPath };
    this.state.ownerId = null;
    this.state.assignedAt = null;
    this.state.updatedAt = input.now;
    this.state.version += 1;
    if (input.to.id !== from.id) {
      this.state.poolId = input.to.id;
      this.state.poolPath = input.to.path;
      this.pending.move = { fromPoolId: from.id, toPoolId: input.to.id, toPath: input.to.path, reason: 'recycled', by: 'system', at: input.now };
    }
    this.pending.ownership.push({
      how: 'recycle',
      poolId: from.id,
      poolPath: from.path,
      ownerId: null,
      previousOwnerId,
      ruleId: input.rule,
      strategy: null,
      detail: { toPoolId: input.to.id, afterDays: input.afterDays },
      by: 'system',
      at: input.now,
    });
    this.raise(
      LeadEvents.recycled.create(this.id, {
        leadId: this.id,
        fromPoolId: from.id,
        toPoolId: input.to.id,
        toPath: input.to.path,
        previousOwnerId,
        rule: input.rule,
        afterDays: input.afterDays,
      }),
    );
  }

  /**
   * The lead became a customer, a contact and maybe an opportunity [线索转化] (LEAD-7); it is
   * read-only from now on, with links to what it became and the pool it was converted in.
   */
  convert(input: {
    customerId: string;
    customerCreated: boolean;
    contactId: string;
    contactCreated: boolean;
    opportunityId: string | null;
    opportunityAmount: string | null;
    by: string;
    now: Date;
  }): void {
    if (this.state.status === 'converting') {
      if (this.state.pendingConversion?.customerId !== input.customerId) throw LeadErrors.notOpen(this.state.status);
    } else this.assertOpen();
    this.state.status = 'converted';
    this.state.pendingConversion = null;
    this.state.conversion = {
      customerId: input.customerId,
      contactId: input.contactId,
      opportunityId: input.opportunityId,
      at: input.now,
      customerCreated: input.customerCreated,
      opportunityAmount: input.opportunityId ? input.opportunityAmount : null,
    };
    this.state.scoring.nextRescoreAt = null;
    this.state.updatedAt = input.now;
    this.state.version += 1;
    this.raise(
      LeadEvents.converted.create(this.id, {
        leadId: this.id,
        poolId: this.state.poolId,
        poolPath: this.state.poolPath,
        customerId: input.customerId,
        customerCreated: input.customerCreated,
        contactId: input.contactId,
        contactCreated: input.contactCreated,
        opportunityId: input.opportunityId,
        ownerId: this.state.ownerId,
        convertedBy: input.by,
        channel: this.state.profile.channel,
        campaign: this.state.profile.campaign,
      }),
    );
  }

  /**
   * The conversion created a customer whose grade the converter may not hold [转化待审批]: the
   * customer waits in the pool, reserved for them, while an approver decides. The lead stops being
   * worked (no edits, recycling or re-scoring) and the rest of the conversion follows the approval.
   */
  awaitConversionApproval(input: Omit<PendingConversion, 'requestedAt'> & { now: Date }): void {
    this.assertOpen();
    const { now, ...pending } = input;
    this.state.status = 'converting';
    // Its next re-scoring stays due: a refused conversion opens the lead again, and the job takes it then.
    this.state.pendingConversion = { ...pending, requestedAt: now };
    this.state.updatedAt = now;
    this.state.version += 1;
    this.raise(
      LeadEvents.conversionPending.create(this.id, {
        leadId: this.id,
        poolId: this.state.poolId,
        poolPath: this.state.poolPath,
        customerId: pending.customerId,
        applicationId: pending.applicationId,
        approvalRequestId: pending.approvalRequestId,
        reservedUntil: pending.reservedUntil.toISOString(),
        ownerId: this.state.ownerId,
        convertedBy: pending.requestedBy,
      }),
    );
  }

  /** The conversion waiting for approval, if any. */
  get pendingConversion(): Readonly<PendingConversion> | null {
    return this.state.pendingConversion;
  }

  /**
   * The conversion waiting for approval did not finish: the lead is open again with its owner,
   * matched to the customer it created (which stays in the pool), and its follow-up clock
   * restarts, since the refusal is news its owner has to act on.
   */
  refuseConversion(input: { reason: ConversionRefusal; errorCode?: string | null; now: Date }): void {
    const pending = this.state.pendingConversion;
    if (this.state.status !== 'converting' || !pending) throw LeadErrors.notOpen(this.state.status);
    this.state.status = 'open';
    this.state.pendingConversion = null;
    this.state.matchedCustomerId = pending.customerId;
    if (this.state.ownerId) this.state.lastWorkedAt = input.now;
    this.state.updatedAt = input.now;
    this.state.version += 1;
    this.raise(
      LeadEvents.conversionRefused.create(this.id, {
        leadId: this.id,
        poolId: this.state.poolId,
        customerId: pending.customerId,
        applicationId: pending.applicationId,
        reason: input.reason,
        errorCode: input.errorCode ?? null,
        ownerId: this.state.ownerId,
      }),
    );
  }

  /**
   * Gives the lead up [关闭线索] with a reason from the managed list (some need a note, as `other`). A closed lead keeps
   * its pool and owner on record but leaves assignment, capacity counts, recycling, re-scoring and
   * de-duplication, which all look at open leads only. Only open leads close (409 otherwise).
   */
  close(input: { reason: Pick<ClosureReason, 'key' | 'label' | 'noteRequired'>; note: string | null; by: string; now: Date }): void {
    this.assertOpen();
    const { key, label, noteRequired } = input.reason;
    if (noteRequired && !input.note) throw LeadErrors.closureNoteRequired(label);
    this.state.status = 'closed';
    this.state.closure = { reason: key, note: input.note, by: input.by, at: input.now };
    this.state.scoring.nextRescoreAt = null;
    this.state.updatedAt = input.now;
    this.state.version += 1;
    const closed = {
      leadId: this.id,
      poolId: this.state.poolId,
      poolPath: this.state.poolPath,
      ownerId: this.state.ownerId,
      note: input.note,
      closedBy: input.by,
    };
    this.raise(LeadEvents.closed.create(this.id, { ...closed, reason: closureReasonV1(key) }));
    this.raise(LeadEvents.closedV2.create(this.id, { ...closed, reason: key, reasonLabel: label }));
  }

  /**
   * Opens a closed lead again [重新打开] in its pool with its owner, whose follow-up clock starts
   * again now (recycling counts from here); the caller re-scores it. Only closed leads reopen.
   */
  reopen(input: { note: string | null; by: string; now: Date }): void {
    if (this.state.status !== 'closed' || !this.state.closure) throw LeadErrors.notClosed(this.state.status);
    const closedFor = this.state.closure.reason;
    this.state.status = 'open';
    this.state.closure = null;
    if (this.state.ownerId) this.state.assignedAt = input.now;
    this.state.lastWorkedAt = null;
    this.state.updatedAt = input.now;
    this.state.version += 1;
    const reopened = {
      leadId: this.id,
      poolId: this.state.poolId,
      poolPath: this.state.poolPath,
      ownerId: this.state.ownerId,
      note: input.note,
      reopenedBy: input.by,
    };
    this.raise(LeadEvents.reopened.create(this.id, { ...reopened, closedFor: closureReasonV1(closedFor) }));
    this.raise(LeadEvents.reopenedV2.create(this.id, { ...reopened, closedFor }));
  }

  get status(): LeadStatus {
    return this.state.status;
  }

  /** The lead's profile (for conversion and the assignment facts). */
  get ownership(): { assignedAt: Date | null; lastWorkedAt: Date | null } {
    return { assignedAt: this.state.assignedAt, lastWorkedAt: this.state.lastWorkedAt };
  }

  get profile(): Readonly<LeadProfile> {
    return this.state.profile;
  }

  get scoring(): Readonly<LeadScoring> {
    return this.state.scoring;
  }

  private addActivity(activity: LeadActivity): void {
    this.pending.activities.push(activity);
  }

  private assertOpen(): void {
    if (this.state.status !== 'open') throw LeadErrors.notOpen(this.state.status);
  }

  /** Behaviour and repeated submissions still reach a lead whose conversion waits for approval: the person is the same. */
  private assertLive(): void {
    if (this.state.status !== 'open' && this.state.status !== 'converting') throw LeadErrors.notOpen(this.state.status);
  }
}
