import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { v7 as uuidv7 } from 'uuid';
import { isIngestProblem, parseIngestItem, type IngestItem } from '../../../domain/activity-ingest.js';
import { CampaignErrors } from '../../../domain/campaign.js';
import { Lead, type LeadActivity, type VersionedRules } from '../../../domain/lead.aggregate.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import type { LeadKeys } from '../../../domain/lead-keys.js';
import { emptyProfile } from '../../../domain/lead.types.js';
import { Leads } from '../../../domain/leads.port.js';
import { longestWindowDays } from '../../../domain/scoring.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { ActivityIngestStore } from '../../../infrastructure/activity-ingest-store.js';
import { CampaignStore } from '../../../infrastructure/campaign-store.js';
import { LeadPoolRepository, type LeadPoolRecord } from '../../../infrastructure/lead-pool.repository.js';
import { CustomerMatcher, routeToHolder } from '../../customer-matcher.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadAssigner } from '../../lead-assigner.js';
import { IngestLeadActivitiesCommand, type IngestItemResult, type IngestResult } from './ingest-lead-activities.command.js';

type MatchedOn = 'mobile' | 'email' | 'visitor';
type ItemBase = Omit<IngestItemResult, 'status'>;

/**
 * Unmatched items of one new person (the same mobile or e-mail, or a visitor id the batch ties to
 * them), in batch order. `keyed`: one of the items carries the mobile or e-mail itself.
 */
interface NewPerson {
  keys: LeadKeys;
  keyed: boolean;
  items: { index: number; item: IngestItem; base: ItemBase }[];
}

/** How an item other than the one that made its lead was matched to it. */
function matchedOnFor(item: IngestItem, lead: Lead): MatchedOn {
  if (item.mobileKey && item.mobileKey === lead.keys.mobile) return 'mobile';
  return item.emailKey ? 'email' : 'visitor';
}

/** Where a person's lead comes from: their first recorded item carrying a mobile or e-mail (else their first recorded item). */
function creatorOf(person: NewPerson, activities: ReadonlyMap<number, LeadActivity>): number | undefined {
  const recorded = person.items.filter(({ index }) => activities.has(index));
  return (recorded.find(({ item }) => item.mobileKey || item.emailKey) ?? recorded[0])?.index;
}

/**
 * One transaction for the whole batch, set-based: the matching open leads are locked in one
 * statement, external ids looked up in one, the activities inserted in one, the touched leads
 * re-scored in memory and their scores written in one; events go to the outbox with them.
 * With `createUnmatched`, unmatched items carrying a mobile or e-mail become leads like any
 * capture (one per person however many items they have): matched against customers and contacts
 * for the whole batch at once, scored with their behaviour, routed to a customer's holder or
 * assigned by the pool's rules, and stored in one statement; a person another batch stored first
 * (the unique keys decide) gets the activity on that lead instead.
 */
@CommandHandler(IngestLeadActivitiesCommand)
export class IngestLeadActivitiesHandler implements ICommandHandler<IngestLeadActivitiesCommand> {
  constructor(
    private readonly store: ActivityIngestStore,
    private readonly leads: Leads,
    private readonly rules: LeadScoringRules,
    private readonly access: LeadAccess,
    private readonly pools: LeadPoolRepository,
    private readonly campaigns: CampaignStore,
    private readonly customers: CustomerMatcher,
    private readonly assigner: LeadAssigner,
  ) {}

  async execute({ actor, items, createUnmatched }: IngestLeadActivitiesCommand): Promise<IngestResult> {
    const now = new Date();
    const reach = await this.access.reachOf(actor);
    // Where new leads would go is checked first, whether or not any item turns out unmatched.
    let target: { pool: LeadPoolRecord; channel: string; campaign: string | null } | null = null;
    if (createUnmatched) {
      const pool = await this.pools.find(createUnmatched.poolId);
      if (!pool || !reach.seesPool(pool.path)) throw LeadPoolErrors.notFound();
      const campaign = createUnmatched.campaignId ? await this.campaigns.find(createUnmatched.campaignId) : null;
      if (createUnmatched.campaignId && !campaign) throw CampaignErrors.notFound();
      target = { pool, channel: createUnmatched.channel, campaign: campaign?.code ?? null };
    }
    const parsed = items.map(parseIngestItem);
    const valid = parsed.filter((item): item is IngestItem => !isIngestProblem(item));
    const links = await this.store.visitorLinks(valid.flatMap((item) => (item.visitorId ? [item.visitorId] : [])));
    const locked = await this.store.lockOpenLeads(
      valid.flatMap((item) => (item.mobileKey ? [item.mobileKey] : [])),
      valid.flatMap((item) => (item.emailKey ? [item.emailKey] : [])),
      [...links.values()],
    );
    const byId = new Map(locked.map((lead) => [lead.id, lead]));
    // A link to a lead closed or converted since no longer stands: the visitor's next lead takes it over.
    for (const [visitorId, leadId] of links) if (!byId.has(leadId)) links.delete(visitorId);
    // Visitor ids the batch itself ties to a mobile or e-mail (the first item carrying both): items
    // with the visitor id alone go wherever that mobile or e-mail goes, whatever their order.
    const batchKeysOf = new Map<string, { mobileKey: string | null; emailKey: string | null }>();
    for (const item of valid) {
      if (item.visitorId && (item.mobileKey || item.emailKey) && !batchKeysOf.has(item.visitorId)) {
        batchKeysOf.set(item.visitorId, { mobileKey: item.mobileKey, emailKey: item.emailKey });
      }
    }
    const byMobile = new Map(locked.filter((lead) => lead.keys.mobile).map((lead) => [lead.keys.mobile!, lead]));
    const byEmail = new Map(locked.filter((lead) => lead.keys.email).map((lead) => [lead.keys.email!, lead]));
    // Looked up after the leads are locked: a batch sent twice at once finds the first one's ids.
    const recordedBefore = await this.store.recordedExternalIds(valid.flatMap((item) => (item.externalId ? [item.externalId] : [])));
    const visible = (lead: { ownerId: string | null; poolPath: readonly string[] }) => reach.seesLead(lead);

    const results: IngestItemResult[] = [];
    const newPeople: NewPerson[] = [];
    const newPersonByKey = new Map<string, NewPerson>();
    const touched = new Map<string, { lead: Lead; lastActivityId: string }>();
    const externalIds = new Map<string, string>();
    const seen = new Map<string, { activityId: string | null; leadId: string | null }>();
    const visitorLinks: { visitorId: string; leadId: string }[] = [];
    const batch = { touched, externalIds, seen, visitorLinks, links };
    // New people's items by external id, and later items repeating one: answered once the leads exist.
    const pendingSeen = new Map<string, { activityId: string | null; leadId: string | null }>();
    const laterDuplicates: { index: number; entry: { activityId: string | null; leadId: string | null } }[] = [];
    const newActivities: (LeadActivity & { leadId: string; externalId: string | null })[] = [];
    for (const [index, item] of parsed.entries()) {
      const base = { index, externalId: null, matchedOn: null, leadId: null, activityId: null, code: null, field: null };
      if (isIngestProblem(item)) {
        const raw = items[index] as { externalId?: unknown } | null;
        results.push({
          ...base,
          externalId: typeof raw?.externalId === 'string' ? raw.externalId : null,
          status: 'invalid',
          code: item.code,
          field: item.field,
        });
        continue;
      }
      const withId = { ...base, externalId: item.externalId };
      const earlier = item.externalId ? (recordedBefore.get(item.externalId) ?? null) : null;
      if (earlier) {
        const lead = byId.get(earlier.leadId);
        results.push({ ...withId, status: 'duplicate', activityId: earlier.activityId, leadId: lead && visible(lead.snapshot()) ? lead.id : null });
        continue;
      }
      const inBatch = item.externalId ? seen.get(item.externalId) : undefined;
      if (inBatch) {
        if (item.externalId && pendingSeen.get(item.externalId) === inBatch) laterDuplicates.push({ index, entry: inBatch });
        results.push({ ...withId, status: 'duplicate', activityId: inBatch.activityId, leadId: inBatch.leadId });
        continue;
      }
      const linked = item.visitorId ? byId.get(links.get(item.visitorId) ?? '') : undefined;
      const via = !item.mobileKey && !item.emailKey && !linked && item.visitorId ? batchKeysOf.get(item.visitorId) : undefined;
      const viaLead = via ? (via.mobileKey && byMobile.get(via.mobileKey)) || (via.emailKey && byEmail.get(via.emailKey)) || undefined : undefined;
      const match =
        (item.mobileKey && byMobile.get(item.mobileKey) && { lead: byMobile.get(item.mobileKey)!, on: 'mobile' as const }) ||
        (item.emailKey && byEmail.get(item.emailKey) && { lead: byEmail.get(item.emailKey)!, on: 'email' as const }) ||
        (linked && { lead: linked, on: 'visitor' as const }) ||
        (viaLead && { lead: viaLead, on: 'visitor' as const }) ||
        null;
      if (!match) {
        const keys = { mobile: via?.mobileKey ?? item.mobileKey, email: via?.emailKey ?? item.emailKey, company: null };
        if (!target || (!keys.mobile && !keys.email)) {
          results.push({ ...withId, status: 'unmatched' });
          continue;
        }
        // The same new person again in this batch (by mobile, else e-mail, or a visitor id tied to them): one lead for all their items.
        const known = (keys.mobile && newPersonByKey.get(`mobile:${keys.mobile}`)) || (keys.email && newPersonByKey.get(`email:${keys.email}`)) || undefined;
        const person: NewPerson = known ?? { keys, keyed: false, items: [] };
        if (!known) newPeople.push(person);
        if (!via) person.keyed = true;
        if (keys.mobile && !newPersonByKey.has(`mobile:${keys.mobile}`)) newPersonByKey.set(`mobile:${keys.mobile}`, person);
        if (keys.email && !newPersonByKey.has(`email:${keys.email}`)) newPersonByKey.set(`email:${keys.email}`, person);
        person.items.push({ index, item, base: withId });
        if (item.externalId) {
          const entry = { activityId: null as string | null, leadId: null as string | null };
          seen.set(item.externalId, entry);
          pendingSeen.set(item.externalId, entry);
        }
        results.push({ ...withId, status: 'unmatched' });
        continue;
      }
      results.push(this.record(actor.id, item, withId, match, now, visible, batch));
    }

    // A person only the batch's visitor ids point to (the item with their mobile or e-mail was a
    // duplicate, its lead no longer open) is not made a lead: their items stay unmatched.
    const makeable = newPeople.filter((person) => person.keyed);
    if (target && makeable.length > 0) {
      const rules = await this.rules.current();
      for (const { person, lead, lost, activities, problems } of await this.createLeads(actor.id, target, makeable, rules, now)) {
        if (lost) {
          // Another batch stored this person first (the unique keys decided): their items are activities of that lead.
          const winner = await this.leads.lockOpenMatch(person.keys);
          for (const { index, item, base } of person.items) {
            const on = !item.mobileKey && !item.emailKey ? 'visitor' : winner?.matchedOn === 'email' ? 'email' : 'mobile';
            const current = winner && (touched.get(winner.lead.id)?.lead ?? winner.lead);
            results[index] = current ? this.record(actor.id, item, base, { lead: current, on }, now, visible, batch) : { ...base, status: 'unmatched' };
          }
          continue;
        }
        const creator = creatorOf(person, activities);
        for (const { index, item, base } of person.items) {
          const activity = activities.get(index);
          if (!lead || !activity) {
            results[index] = { ...base, status: 'invalid', code: problems.get(index) ?? null, field: 'occurredAt' };
            continue;
          }
          if (item.externalId) {
            externalIds.set(activity.id, item.externalId);
            pendingSeen.get(item.externalId)!.leadId = lead.id;
            pendingSeen.get(item.externalId)!.activityId = activity.id;
          }
          if (item.visitorId && !links.has(item.visitorId)) {
            visitorLinks.push({ visitorId: item.visitorId, leadId: lead.id });
            links.set(item.visitorId, lead.id);
          }
          const made = index === creator;
          results[index] = {
            ...base,
            status: made ? 'created' : 'recorded',
            matchedOn: made ? null : matchedOnFor(item, lead),
            leadId: lead.id,
            activityId: activity.id,
          };
          newActivities.push({ ...activity, leadId: lead.id, externalId: item.externalId });
        }
      }
      // Items repeating the external id of a new person's item answer what that item got.
      for (const { index, entry } of laterDuplicates) results[index] = { ...results[index]!, activityId: entry.activityId, leadId: entry.leadId };
    }
    if (newActivities.length > 0) await this.store.insertActivities(newActivities);

    if (touched.size > 0) {
      const rules = await this.rules.current();
      const leads = [...touched.values()];
      const saved = await this.leads.recentActivities(
        leads.map(({ lead }) => lead.id),
        longestWindowDays(rules.rules),
        now,
      );
      for (const { lead, lastActivityId } of leads) lead.rescore(rules, saved.get(lead.id) ?? [], now, 'activity', lastActivityId);
      await this.store.insertActivities(
        leads.flatMap(({ lead }) =>
          lead.takePendingWrites().activities.map((activity) => ({ ...activity, leadId: lead.id, externalId: externalIds.get(activity.id) ?? null })),
        ),
      );
      await this.leads.saveScores(leads.map(({ lead }) => lead));
    }
    await this.store.linkVisitors(visitorLinks, now);
    const count = (status: IngestItemResult['status']) => results.filter((result) => result.status === status).length;
    return {
      received: items.length,
      recorded: count('recorded'),
      duplicates: count('duplicate'),
      unmatched: count('unmatched'),
      invalid: count('invalid'),
      leadsRescored: touched.size,
      created: count('created'),
      items: results,
    };
  }

  /** Records the item as an activity of the lead it matched (to be stored with the batch's others). */
  private record(
    by: string,
    item: IngestItem,
    base: ItemBase,
    match: { lead: Lead; on: MatchedOn },
    now: Date,
    visible: (lead: { ownerId: string | null; poolPath: readonly string[] }) => boolean,
    batch: {
      touched: Map<string, { lead: Lead; lastActivityId: string }>;
      externalIds: Map<string, string>;
      seen: Map<string, { activityId: string | null; leadId: string | null }>;
      visitorLinks: { visitorId: string; leadId: string }[];
      links: Map<string, string>;
    },
  ): IngestItemResult {
    const activityId = uuidv7();
    try {
      match.lead.recordActivity(activityOf(item, activityId, match.on, by), now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ...base, status: 'invalid', code: error.code, field: 'occurredAt' };
    }
    const leadId = visible(match.lead.snapshot()) ? match.lead.id : null;
    batch.touched.set(match.lead.id, { lead: match.lead, lastActivityId: activityId });
    if (item.externalId) {
      batch.externalIds.set(activityId, item.externalId);
      batch.seen.set(item.externalId, { activityId, leadId });
    }
    if (item.visitorId && match.on !== 'visitor' && !batch.links.has(item.visitorId)) {
      batch.visitorLinks.push({ visitorId: item.visitorId, leadId: match.lead.id });
      batch.links.set(item.visitorId, match.lead.id);
    }
    return { ...base, status: 'recorded', matchedOn: match.on, leadId, activityId };
  }

  /**
   * New leads for the batch's new people, as a capture makes them: customers matched for all at
   * once, scored with their behaviour, routed to a customer's holder or assigned by the pool's
   * rules, stored in one statement (in key order, so racing batches wait on each other in one
   * order). `lost`: another transaction stored the person first; `lead` null: none of their
   * items could be recorded (`problems` says why).
   */
  private async createLeads(
    by: string,
    target: { pool: LeadPoolRecord; channel: string; campaign: string | null },
    people: readonly NewPerson[],
    rules: VersionedRules,
    now: Date,
  ): Promise<{ person: NewPerson; lead: Lead | null; lost: boolean; activities: Map<number, LeadActivity>; problems: Map<number, string> }[]> {
    const customerOf = await this.customers.match(people.map((person) => person.keys));
    const made = people.map((person) => {
      const lead = Lead.capture({
        id: uuidv7(),
        profile: {
          ...emptyProfile(),
          mobile: person.items.find(({ item }) => item.mobile)?.item.mobile ?? null,
          email: person.items.find(({ item }) => item.email)?.item.email ?? null,
          channel: target.channel,
          campaign: target.campaign,
        },
        poolId: target.pool.id,
        poolPath: target.pool.path,
        ownerId: null,
        matchedCustomerId: customerOf(person.keys)?.customerId ?? null,
        createdBy: by,
        now,
      });
      const activities = new Map<number, LeadActivity>();
      const problems = new Map<number, string>();
      const first = person.items.find(({ item }) => item.mobileKey || item.emailKey)?.index;
      for (const { index, item } of person.items) {
        const activity = activityOf(item, uuidv7(), index === first ? null : matchedOnFor(item, lead), by);
        try {
          lead.recordActivity(activity, now);
          activities.set(index, { ...activity, recordedAt: now });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problems.set(index, error.code);
        }
      }
      return { person, lead, activities, problems };
    });
    const leads = made
      .filter(({ activities }) => activities.size > 0)
      .map(({ lead }) => lead)
      .sort((a, b) => (a.keys.mobile ?? a.keys.email ?? '').localeCompare(b.keys.mobile ?? b.keys.email ?? ''));
    for (const lead of leads) {
      // Scored with the behaviour it came with; its activities then leave it, to be stored with their external ids.
      lead.rescore(rules, [], now, 'captured');
      lead.takePendingWrites();
      routeToHolder(lead, customerOf(lead.keys), by, now);
    }
    const cursors = await this.assigner.assignMany(
      leads.filter((lead) => lead.ownerId === null),
      target.pool,
      by,
      now,
    );
    const stored = await this.leads.addMany(leads, 'captured');
    await this.assigner.saveCursors(target.pool.id, cursors);
    return made.map(({ person, lead, activities, problems }) => ({
      person,
      lead: activities.size > 0 && stored.has(lead.id) ? lead : null,
      lost: activities.size > 0 && !stored.has(lead.id),
      activities,
      problems,
    }));
  }
}

/** The activity an ingested item records; `matchedOn` null for the item that made the lead. */
function activityOf(item: IngestItem, id: string, matchedOn: MatchedOn | null, by: string): Omit<LeadActivity, 'recordedAt'> {
  return {
    id,
    kind: item.kind,
    occurredAt: item.occurredAt,
    outcome: null,
    channel: item.channel,
    campaign: item.campaign,
    detail: { source: 'batch', ...(matchedOn ? { matchedOn } : {}), ...(item.visitorId ? { visitorId: item.visitorId } : {}) },
    recordedBy: by,
  };
}
