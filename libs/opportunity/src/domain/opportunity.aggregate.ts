import { AggregateRoot, type FieldChanges } from '@crm/kernel';
import { OpportunityEvents } from '../contracts/events.js';
import { lineAmount, sumOf, toMoney, toPercent, toQuantity } from './money.js';
import { OpportunityErrors } from './opportunity.errors.js';
import type { ActivityType, CollaboratorAccess, OpportunityStatus, OpportunityType, SourceKind, ThreatLevel } from './opportunity.types.js';
import type { Pipeline, StageDefinition } from './pipeline.js';
import { MOVE_POLICIES, missingRequirements } from './stage-rules.js';

/** An intended product [意向产品] as submitted; the catalogue supplied its product line. */
export interface LineInput {
  productId: string;
  productLineId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

/** A product line with its amount: quantity × unit price less the discount, to the cent. */
export interface ProductLine extends LineInput {
  amount: string;
}

export interface Competitor {
  /** The competing company [竞争对手]; one entry per company. */
  company: string;
  product: string | null;
  /** Their price, in the opportunity's currency. */
  price: string | null;
  strengths: string | null;
  weaknesses: string | null;
  threat: ThreatLevel;
}

export interface Collaborator {
  userId: string;
  access: CollaboratorAccess;
  /** Access stops at this moment; null for no end. */
  expiresAt: Date | null;
  addedBy: string;
  addedAt: Date;
}

/** One entry of the stage history: from, to, when, who, and how long it stayed in the stage it left. */
export interface StageChange {
  id: string;
  fromStageId: string | null;
  fromStageName: string | null;
  toStageId: string;
  toStageName: string;
  probability: number;
  probabilityReason: string | null;
  amount: string | null;
  changedAt: Date;
  changedBy: string;
  secondsInPreviousStage: number | null;
  cause: 'created' | 'manual' | 'pipeline-edited';
}

export interface Transfer {
  id: string;
  fromUserId: string;
  toUserId: string;
  reason: string;
  transferredBy: string;
  transferredAt: Date;
}

export interface Activity {
  id: string;
  type: ActivityType;
  occurredAt: Date;
  summary: string;
  nextStep: string | null;
  contactIds: string[];
  authorId: string;
  followUpId: string;
  createdAt: Date;
}

export interface OpportunityState {
  id: string;
  customerId: string;
  name: string;
  type: OpportunityType;
  previousOpportunityId: string | null;
  pipelineId: string;
  stageId: string;
  stageEnteredAt: Date;
  status: OpportunityStatus;
  amount: string | null;
  currency: string;
  amountFollowsLines: boolean;
  /** `YYYY-MM-DD`. */
  expectedCloseDate: string | null;
  source: { kind: SourceKind; leadId: string | null };
  ownerId: string;
  contactIds: string[];
  lines: ProductLine[];
  competitors: Competitor[];
  collaborators: Collaborator[];
  /** The owner's override of the stage's probability, with the reason; null to follow the stage. */
  probabilityOverride: number | null;
  probabilityReason: string | null;
  lossReasonId: string | null;
  lostTo: string | null;
  closedAt: Date | null;
  createdAt: Date;
  createdBy: string;
  version: number;
}

/** What an edit may change; absent fields stay. */
export interface OpportunityEdits {
  name?: string;
  amount?: string | null;
  currency?: string;
  amountFollowsLines?: boolean;
  expectedCloseDate?: string | null;
  contactIds?: string[];
  lines?: LineInput[];
  competitors?: Competitor[];
  /** A number overrides the stage's probability (owner only, with a reason); null follows the stage again. */
  probability?: number | null;
  probabilityReason?: string | null;
}

export interface OpenInput {
  id: string;
  customerId: string;
  name: string;
  type: OpportunityType;
  previousOpportunityId: string | null;
  /** The opportunity named as previous, as loaded (undefined when it does not exist). */
  previous: Pick<OpportunityState, 'customerId' | 'status'> | undefined;
  pipeline: Pipeline;
  amount: string | null;
  currency: string;
  amountFollowsLines: boolean;
  expectedCloseDate: string | null;
  source: { kind: SourceKind; leadId: string | null };
  ownerId: string;
  contactIds: string[];
  lines: LineInput[];
  competitors: Competitor[];
  createdBy: string;
  now: Date;
  newId: () => string;
}

const CLOCK_SKEW_MS = 5 * 60_000;

function pricedLines(lines: readonly LineInput[]): ProductLine[] {
  const seen = new Set<string>();
  return lines.map((line) => {
    if (seen.has(line.productId)) throw OpportunityErrors.duplicateProduct(line.productId);
    seen.add(line.productId);
    const quantity = toQuantity(line.quantity);
    const unitPrice = toMoney(line.unitPrice);
    const discountPercent = toPercent(line.discountPercent);
    if (!quantity || !unitPrice || !discountPercent) throw OpportunityErrors.invalidProductLine(line.productId);
    const amount = lineAmount(quantity, unitPrice, discountPercent);
    if (amount === undefined) throw OpportunityErrors.amountTooLarge();
    return { productId: line.productId, productLineId: line.productLineId, quantity, unitPrice, discountPercent, amount };
  });
}

function checkedCompetitors(competitors: readonly Competitor[]): Competitor[] {
  const seen = new Set<string>();
  return competitors.map((competitor) => {
    const company = competitor.company.trim();
    if (seen.has(company.toLowerCase())) throw OpportunityErrors.duplicateCompetitor(company);
    seen.add(company.toLowerCase());
    const price = competitor.price === null ? null : toMoney(competitor.price);
    if (price === undefined) throw OpportunityErrors.invalidAmount('price');
    return { ...competitor, company, price };
  });
}

function total(lines: readonly ProductLine[]): string {
  const sum = sumOf(lines.map((line) => line.amount));
  if (sum === undefined) throw OpportunityErrors.amountTooLarge();
  return sum;
}

function money(amount: string | null): string | null {
  if (amount === null) return null;
  const value = toMoney(amount);
  if (value === undefined) throw OpportunityErrors.invalidAmount('amount');
  return value;
}

/**
 * An opportunity [商机]: one sales chance with one customer. Its follow-up status lives here, not on
 * the customer (OPP-1): it moves through the stages of its pipeline until it is won [赢单] or lost
 * [输单], both final; a renewal or upsell is a new opportunity that names the one it follows.
 */
export class Opportunity extends AggregateRoot {
  /** What a save writes besides the opportunity's own row: new history and activity records. */
  private readonly recorded = { stageChanges: [] as StageChange[], transfers: [] as Transfer[], activities: [] as Activity[] };

  private constructor(private state: OpportunityState) {
    super();
  }

  static open(input: OpenInput): Opportunity {
    if (input.type === 'new' && input.previousOpportunityId) throw OpportunityErrors.previousNotApplicable();
    if (input.type !== 'new') {
      if (!input.previousOpportunityId) throw OpportunityErrors.previousRequired();
      if (!input.previous || input.previous.customerId !== input.customerId || input.previous.status !== 'won') throw OpportunityErrors.previousInvalid();
    }
    const lines = pricedLines(input.lines);
    if (input.amountFollowsLines && input.amount !== null) throw OpportunityErrors.amountFollowsLines();
    const amount = input.amountFollowsLines ? total(lines) : money(input.amount);
    const stage = input.pipeline.firstStage();
    const opportunity = new Opportunity({
      id: input.id,
      customerId: input.customerId,
      name: input.name.trim(),
      type: input.type,
      previousOpportunityId: input.previousOpportunityId,
      pipelineId: input.pipeline.id,
      stageId: stage.id,
      stageEnteredAt: input.now,
      status: 'open',
      amount,
      currency: input.currency,
      amountFollowsLines: input.amountFollowsLines,
      expectedCloseDate: input.expectedCloseDate,
      source: input.source,
      ownerId: input.ownerId,
      contactIds: [...new Set(input.contactIds)],
      lines,
      competitors: checkedCompetitors(input.competitors),
      collaborators: [],
      probabilityOverride: null,
      probabilityReason: null,
      lossReasonId: null,
      lostTo: null,
      closedAt: null,
      createdAt: input.now,
      createdBy: input.createdBy,
      version: 1,
    });
    opportunity.assertRequirementsOf(stage);
    opportunity.recorded.stageChanges.push({
      id: input.newId(),
      fromStageId: null,
      fromStageName: null,
      toStageId: stage.id,
      toStageName: stage.name,
      probability: stage.probability,
      probabilityReason: null,
      amount,
      changedAt: input.now,
      changedBy: input.createdBy,
      secondsInPreviousStage: null,
      cause: 'created',
    });
    const state = opportunity.state;
    opportunity.raise(
      OpportunityEvents.created.create(state.id, {
        opportunityId: state.id,
        customerId: state.customerId,
        name: state.name,
        type: state.type,
        previousOpportunityId: state.previousOpportunityId,
        pipelineId: state.pipelineId,
        stageId: stage.id,
        stageName: stage.name,
        probability: stage.probability,
        amount: state.amount,
        currency: state.currency,
        expectedCloseDate: state.expectedCloseDate,
        ownerId: state.ownerId,
        sourceKind: state.source.kind,
        leadId: state.source.leadId,
        createdBy: state.createdBy,
      }),
    );
    return opportunity;
  }

  static rehydrate(state: OpportunityState): Opportunity {
    return new Opportunity(state);
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  get ownerId(): string {
    return this.state.ownerId;
  }

  get customerId(): string {
    return this.state.customerId;
  }

  get pipelineId(): string {
    return this.state.pipelineId;
  }

  snapshot(): OpportunityState {
    return structuredClone(this.state);
  }

  /** New stage history, transfers and activities for the repository to write with the save. */
  records(): { stageChanges: readonly StageChange[]; transfers: readonly Transfer[]; activities: readonly Activity[] } {
    return this.recorded;
  }

  /** The caller's own standing: owner, or collaborator with unexpired access. Data scope is the application's concern. */
  accessOf(userId: string, now: Date): 'owner' | CollaboratorAccess | null {
    if (userId === this.state.ownerId) return 'owner';
    const collaborator = this.state.collaborators.find((candidate) => candidate.userId === userId);
    if (!collaborator || (collaborator.expiresAt && collaborator.expiresAt <= now)) return null;
    return collaborator.access;
  }

  /** Edits fields of an open opportunity; returns what changed (nothing, no new version). */
  edit(edits: OpportunityEdits, by: string): FieldChanges {
    this.assertOpen();
    const before = this.state;
    const after: OpportunityState = { ...before };
    if (edits.name !== undefined) after.name = edits.name.trim();
    if (edits.currency !== undefined) after.currency = edits.currency;
    if (edits.expectedCloseDate !== undefined) after.expectedCloseDate = edits.expectedCloseDate;
    if (edits.contactIds !== undefined) after.contactIds = [...new Set(edits.contactIds)];
    if (edits.competitors !== undefined) after.competitors = checkedCompetitors(edits.competitors);
    if (edits.amountFollowsLines !== undefined) after.amountFollowsLines = edits.amountFollowsLines;
    if (edits.lines !== undefined) after.lines = pricedLines(edits.lines);
    if (after.amountFollowsLines) {
      if (edits.amount !== undefined) throw OpportunityErrors.amountFollowsLines();
      after.amount = total(after.lines);
    } else if (edits.amount !== undefined) {
      after.amount = money(edits.amount);
    }
    if (edits.probability !== undefined) {
      if (by !== before.ownerId) throw OpportunityErrors.onlyOwnerOverridesProbability();
      if (edits.probability !== null && !edits.probabilityReason?.trim()) throw OpportunityErrors.probabilityReasonRequired();
      after.probabilityOverride = edits.probability;
      after.probabilityReason = edits.probability === null ? null : edits.probabilityReason!.trim();
    }
    const changes = changedFields(before, after);
    if (Object.keys(changes).length === 0) return changes;
    this.state = { ...after, version: before.version + 1 };
    this.raise(OpportunityEvents.updated.create(this.id, { opportunityId: this.id, customerId: this.state.customerId, changes }));
    return changes;
  }

  /**
   * Moves the opportunity to another stage of its pipeline [推进阶段]: entry requirements must be met,
   * moving back only where the stage allows it; the probability follows the new stage unless the owner
   * overrides it with a reason. The won and lost stages close it for good; lost needs a reason.
   */
  changeStage(input: {
    pipeline: Pipeline;
    toStageId: string;
    by: string;
    probability?: number;
    probabilityReason?: string | null;
    lossReason?: { id: string; name: string };
    lostTo?: string | null;
    now: Date;
    newId: () => string;
  }): void {
    this.assertOpen(input.pipeline);
    const to = input.pipeline.stage(input.toStageId);
    if (!to) throw OpportunityErrors.unknownStage();
    for (const policy of MOVE_POLICIES) {
      const problem = policy({ pipeline: input.pipeline, fromStageId: this.state.stageId, to });
      if (problem) throw problem;
    }
    const lostTo = input.lostTo?.trim() || null;
    if (to.outcome !== 'lost' && (input.lossReason || lostTo)) throw OpportunityErrors.lossDetailsOnlyWhenLost();
    if (to.outcome === 'lost' && !input.lossReason) throw OpportunityErrors.lossReasonRequired();
    const overridden = input.probability !== undefined;
    if (overridden) {
      if (to.outcome !== 'open') throw OpportunityErrors.probabilityFixed();
      if (input.by !== this.state.ownerId) throw OpportunityErrors.onlyOwnerOverridesProbability();
      if (!input.probabilityReason?.trim()) throw OpportunityErrors.probabilityReasonRequired();
    }
    this.assertRequirementsOf(to);

    const from = input.pipeline.stage(this.state.stageId);
    const secondsInPreviousStage = Math.max(0, Math.floor((input.now.getTime() - this.state.stageEnteredAt.getTime()) / 1000));
    const probabilityReason = overridden ? input.probabilityReason!.trim() : null;
    this.state = {
      ...this.state,
      stageId: to.id,
      stageEnteredAt: input.now,
      probabilityOverride: overridden ? input.probability! : null,
      probabilityReason,
      status: to.outcome,
      closedAt: to.outcome === 'open' ? null : input.now,
      lossReasonId: input.lossReason?.id ?? null,
      lostTo: to.outcome === 'lost' ? lostTo : null,
      version: this.state.version + 1,
    };
    const probability = this.probabilityIn(to);
    const fromStageName = from?.name ?? '';
    this.recorded.stageChanges.push({
      id: input.newId(),
      fromStageId: from?.id ?? null,
      fromStageName: from?.name ?? null,
      toStageId: to.id,
      toStageName: to.name,
      probability,
      probabilityReason,
      amount: this.state.amount,
      changedAt: input.now,
      changedBy: input.by,
      secondsInPreviousStage,
      cause: 'manual',
    });
    const { id, customerId, pipelineId, amount, currency, ownerId } = this.state;
    this.raise(
      OpportunityEvents.stageChanged.create(id, {
        opportunityId: id,
        customerId,
        pipelineId,
        fromStageId: from?.id ?? '',
        fromStageName,
        toStageId: to.id,
        toStageName: to.name,
        probability,
        probabilityReason,
        secondsInPreviousStage,
        amount,
        currency,
        changedBy: input.by,
        cause: 'manual',
      }),
    );
    if (to.outcome === 'won') {
      this.raise(
        OpportunityEvents.won.create(id, {
          opportunityId: id,
          customerId,
          ownerId,
          name: this.state.name,
          type: this.state.type,
          previousOpportunityId: this.state.previousOpportunityId,
          amount: amount ?? '0.00',
          currency,
          lines: this.state.lines.map((line) => ({ ...line })),
          wonAt: input.now.toISOString(),
        }),
      );
    } else if (to.outcome === 'lost') {
      this.raise(
        OpportunityEvents.lost.create(id, {
          opportunityId: id,
          customerId,
          ownerId,
          lossReasonId: input.lossReason!.id,
          lossReason: input.lossReason!.name,
          lostTo: this.state.lostTo,
          amount,
          currency,
          lostAt: input.now.toISOString(),
        }),
      );
    }
  }

  /** Gives an open opportunity to another salesperson [商机转派]; who may, and to whom, the caller decides. */
  transfer(input: { toUserId: string; reason: string; by: string; now: Date; newId: () => string }): void {
    this.assertOpen();
    if (input.toUserId === this.state.ownerId) throw OpportunityErrors.transferTargetInvalid();
    const fromUserId = this.state.ownerId;
    this.state = {
      ...this.state,
      ownerId: input.toUserId,
      // The new owner needs no collaboration of their own.
      collaborators: this.state.collaborators.filter((collaborator) => collaborator.userId !== input.toUserId),
      version: this.state.version + 1,
    };
    const reason = input.reason.trim();
    this.recorded.transfers.push({ id: input.newId(), fromUserId, toUserId: input.toUserId, reason, transferredBy: input.by, transferredAt: input.now });
    this.raise(
      OpportunityEvents.transferred.create(this.id, {
        opportunityId: this.id,
        customerId: this.state.customerId,
        fromUserId,
        toUserId: input.toUserId,
        reason,
        transferredBy: input.by,
      }),
    );
  }

  /** Asks a colleague to collaborate [协作], or changes their access; access may end at a set time. */
  addCollaborator(input: { userId: string; access: CollaboratorAccess; expiresAt: Date | null; by: string; now: Date }): Collaborator {
    if (input.userId === this.state.ownerId) throw OpportunityErrors.collaboratorInvalid();
    if (input.expiresAt && input.expiresAt <= input.now) throw OpportunityErrors.expiryInPast();
    const collaborator: Collaborator = { userId: input.userId, access: input.access, expiresAt: input.expiresAt, addedBy: input.by, addedAt: input.now };
    const others = this.state.collaborators.filter((existing) => existing.userId !== input.userId);
    this.state = { ...this.state, collaborators: [...others, collaborator], version: this.state.version + 1 };
    this.raise(
      OpportunityEvents.collaboratorAdded.create(this.id, {
        opportunityId: this.id,
        customerId: this.state.customerId,
        userId: input.userId,
        access: input.access,
        expiresAt: input.expiresAt?.toISOString() ?? null,
        addedBy: input.by,
      }),
    );
    return collaborator;
  }

  removeCollaborator(userId: string, by: string): void {
    if (!this.state.collaborators.some((collaborator) => collaborator.userId === userId)) throw OpportunityErrors.collaboratorNotFound();
    this.state = {
      ...this.state,
      collaborators: this.state.collaborators.filter((collaborator) => collaborator.userId !== userId),
      version: this.state.version + 1,
    };
    this.raise(OpportunityEvents.collaboratorRemoved.create(this.id, { opportunityId: this.id, customerId: this.state.customerId, userId, removedBy: by }));
  }

  /** Whether an activity may be recorded now: the opportunity is open and the activity is not in the future. */
  assertActivityAllowed(occurredAt: Date, now: Date): void {
    this.assertOpen();
    if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw OpportunityErrors.activityInFuture();
  }

  /** Records a visit, call, meeting or demo [拜访记录]; it was also recorded as a follow-up on the customer. Not a new version. */
  recordActivity(activity: Omit<Activity, 'createdAt'>, now: Date): Activity {
    this.assertActivityAllowed(activity.occurredAt, now);
    const recorded: Activity = { ...activity, summary: activity.summary.trim(), contactIds: [...new Set(activity.contactIds)], createdAt: now };
    this.recorded.activities.push(recorded);
    this.raise(
      OpportunityEvents.activityRecorded.create(this.id, {
        opportunityId: this.id,
        customerId: this.state.customerId,
        activityId: recorded.id,
        type: recorded.type,
        occurredAt: recorded.occurredAt.toISOString(),
        summary: recorded.summary,
        nextStep: recorded.nextStep,
        contactIds: recorded.contactIds,
        authorId: recorded.authorId,
        followUpId: recorded.followUpId,
      }),
    );
    return recorded;
  }

  /** The win probability in a stage: the owner's override, else the stage's default. */
  private probabilityIn(stage: StageDefinition): number {
    return this.state.probabilityOverride ?? stage.probability;
  }

  private assertRequirementsOf(stage: StageDefinition): void {
    const missing = missingRequirements(stage, {
      amount: this.state.amount,
      expectedCloseDate: this.state.expectedCloseDate,
      lineCount: this.state.lines.length,
      contactIds: this.state.contactIds,
    });
    if (missing.length > 0) throw OpportunityErrors.requirementsMissing(stage.id, stage.name, missing);
  }

  private assertOpen(pipeline?: Pipeline): void {
    if (this.state.status === 'open') return;
    throw OpportunityErrors.closed({
      opportunityStatus: this.state.status,
      stageId: this.state.stageId,
      stageName: pipeline?.stage(this.state.stageId)?.name ?? null,
      closedAt: this.state.closedAt?.toISOString() ?? null,
    });
  }
}

const EDITABLE: (keyof OpportunityState)[] = [
  'name',
  'amount',
  'currency',
  'amountFollowsLines',
  'expectedCloseDate',
  'contactIds',
  'lines',
  'competitors',
  'probabilityOverride',
  'probabilityReason',
];

/** Before and after of each edited field; lists compare by content. `lines` are `products` to clients. */
function changedFields(before: OpportunityState, after: OpportunityState): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of EDITABLE) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    const name = field === 'lines' ? 'products' : field === 'probabilityOverride' ? 'probability' : field;
    changes[name] = { from: before[field], to: after[field] };
  }
  return changes;
}
