import { Injectable } from '@nestjs/common';
import { Lead, type VersionedRules } from '../domain/lead.aggregate.js';
import { matchingKeys, type LeadKeys, type MatchedOn } from '../domain/lead-keys.js';
import type { LeadProfile } from '../domain/lead.types.js';
import { Leads } from '../domain/leads.port.js';
import type { LeadPoolRecord } from '../infrastructure/lead-pool.repository.js';
import { CustomerMatcher, routeToHolder } from './customer-matcher.js';
import { LeadAssigner } from './lead-assigner.js';
import { LeadScorer } from './lead-scorer.js';

/** One person to capture in a batch: `id` becomes the new lead's id, or the merge activity's. */
export interface BatchItem {
  id: string;
  profile: LeadProfile;
  keys: LeadKeys;
  /** The date it was first captured elsewhere (an import's column), YYYY-MM-DD. */
  capturedAt?: string | null;
}

export type BatchOutcome =
  | { status: 'created'; leadId: string }
  | { status: 'merged'; leadId: string; activityId: string }
  /** A lead with one of its keys committed meanwhile and was gone again before the merge could find it. */
  | { status: 'rejected'; code: 'LEAD.DUPLICATE' };

const keyOf = (on: MatchedOn, key: string) => `${on}:${key}`;

/**
 * Captures many people into one pool in a handful of statements, whatever their number, in the
 * caller's transaction: imports and web-form submissions alike. Open (and converting) leads with
 * the batch's keys are locked in one statement, and the batch's own new leads count as it goes,
 * so the same person twice is one lead with a merge (LEAD-2); existing customers are matched in
 * two or three statements and their holders get the leads; new leads are scored, assigned by the
 * pool's rules and stored in one statement; merges into existing leads are saved one by one.
 */
@Injectable()
export class CaptureBatch {
  constructor(
    private readonly leads: Leads,
    private readonly scorer: LeadScorer,
    private readonly assigner: LeadAssigner,
    private readonly customers: CustomerMatcher,
  ) {}

  /** The outcome of each item, in the items' order. */
  async capture(
    items: readonly BatchItem[],
    context: { pool: LeadPoolRecord; rules: VersionedRules; by: string; now: Date; reason?: 'imported' | 'captured' },
  ): Promise<BatchOutcome[]> {
    const { pool, rules, by, now } = context;
    // Open leads with the batch's keys, and the batch's own new leads as they are made.
    const index = new Map<string, Lead>();
    const remember = (lead: Lead) => {
      for (const { on, key } of matchingKeys(lead.keys)) if (!index.has(keyOf(on, key))) index.set(keyOf(on, key), lead);
    };
    for (const lead of await this.leads.lockOpenMatches(items.map((item) => item.keys))) remember(lead);
    const customerOf = await this.customers.match(items.map((item) => item.keys));

    const created: Lead[] = [];
    const createdIds = new Set<string>();
    const mergedExisting = new Map<string, { lead: Lead; activityId: string }>();
    const outcomes: BatchOutcome[] = [];
    for (const item of items) {
      const match = matchingKeys(item.keys)
        .map(({ on, key }) => ({ on, lead: index.get(keyOf(on, key)) }))
        .find((m) => m.lead !== undefined);
      if (match?.lead) {
        match.lead.mergeSubmission({ activityId: item.id, submission: item.profile, matchedOn: match.on, by, now });
        if (createdIds.has(match.lead.id)) match.lead.rescore(rules, [], now, 'merged', item.id);
        else mergedExisting.set(match.lead.id, { lead: match.lead, activityId: item.id });
        outcomes.push({ status: 'merged', leadId: match.lead.id, activityId: item.id });
        continue;
      }
      const customer = customerOf(item.keys);
      const lead = Lead.capture({
        id: item.id,
        profile: item.profile,
        poolId: pool.id,
        poolPath: pool.path,
        ownerId: null,
        matchedCustomerId: customer?.customerId ?? null,
        capturedAt: item.capturedAt ?? null,
        createdBy: by,
        now,
      });
      lead.rescore(rules, [], now, 'captured');
      // Someone already holds this customer: the lead goes to them, not to the pool's rules.
      routeToHolder(lead, customer, by, now);
      created.push(lead);
      createdIds.add(lead.id);
      remember(lead);
      outcomes.push({ status: 'created', leadId: lead.id });
    }

    const cursors = await this.assigner.assignMany(
      created.filter((lead) => lead.ownerId === null),
      pool,
      by,
      now,
    );
    const stored = await this.leads.addMany(created, context.reason);
    await this.assigner.saveCursors(pool.id, cursors);
    for (const { lead, activityId } of mergedExisting.values()) {
      await this.scorer.rescore(lead, rules, now, 'merged', activityId);
      await this.leads.save(lead);
    }
    // A capture that committed meanwhile with the same keys won the unique index: merge into it instead.
    for (const [position, outcome] of outcomes.entries()) {
      if (outcome.status !== 'created' || stored.has(outcome.leadId)) continue;
      const item = items[position]!;
      const match = await this.leads.lockOpenMatch(item.keys);
      if (!match) {
        outcomes[position] = { status: 'rejected', code: 'LEAD.DUPLICATE' };
        continue;
      }
      match.lead.mergeSubmission({ activityId: item.id, submission: item.profile, matchedOn: match.matchedOn, by, now });
      await this.scorer.rescore(match.lead, rules, now, 'merged', item.id);
      await this.leads.save(match.lead);
      outcomes[position] = { status: 'merged', leadId: match.lead.id, activityId: item.id };
    }
    return outcomes;
  }
}
