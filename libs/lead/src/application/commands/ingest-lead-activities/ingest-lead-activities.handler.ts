import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { v7 as uuidv7 } from 'uuid';
import { isIngestProblem, parseIngestItem, type IngestItem } from '../../../domain/activity-ingest.js';
import type { Lead } from '../../../domain/lead.aggregate.js';
import { Leads } from '../../../domain/leads.port.js';
import { longestWindowDays } from '../../../domain/scoring.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { ActivityIngestStore } from '../../../infrastructure/activity-ingest-store.js';
import { LeadAccess } from '../../lead-access.js';
import { IngestLeadActivitiesCommand, type IngestItemResult, type IngestResult } from './ingest-lead-activities.command.js';

/**
 * One transaction for the whole batch, set-based: the matching open leads are locked in one
 * statement, external ids looked up in one, the activities inserted in one, the touched leads
 * re-scored in memory and their scores written in one; events go to the outbox with them.
 */
@CommandHandler(IngestLeadActivitiesCommand)
export class IngestLeadActivitiesHandler implements ICommandHandler<IngestLeadActivitiesCommand> {
  constructor(
    private readonly store: ActivityIngestStore,
    private readonly leads: Leads,
    private readonly rules: LeadScoringRules,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, items }: IngestLeadActivitiesCommand): Promise<IngestResult> {
    const now = new Date();
    const parsed = items.map(parseIngestItem);
    const valid = parsed.filter((item): item is IngestItem => !isIngestProblem(item));
    const links = await this.store.visitorLinks(valid.flatMap((item) => (item.visitorId ? [item.visitorId] : [])));
    const locked = await this.store.lockOpenLeads(
      valid.flatMap((item) => (item.mobileKey ? [item.mobileKey] : [])),
      valid.flatMap((item) => (item.emailKey ? [item.emailKey] : [])),
      [...links.values()],
    );
    const byId = new Map(locked.map((lead) => [lead.id, lead]));
    const byMobile = new Map(locked.filter((lead) => lead.keys.mobile).map((lead) => [lead.keys.mobile!, lead]));
    const byEmail = new Map(locked.filter((lead) => lead.keys.email).map((lead) => [lead.keys.email!, lead]));
    // Looked up after the leads are locked: a batch sent twice at once finds the first one's ids.
    const recordedBefore = await this.store.recordedExternalIds(valid.flatMap((item) => (item.externalId ? [item.externalId] : [])));
    const reach = await this.access.reachOf(actor);
    const visible = (lead: { ownerId: string | null; poolPath: readonly string[] }) => reach.seesLead(lead);

    const results: IngestItemResult[] = [];
    const touched = new Map<string, { lead: Lead; lastActivityId: string }>();
    const externalIds = new Map<string, string>();
    const seen = new Map<string, { activityId: string; leadId: string | null }>();
    const visitorLinks: { visitorId: string; leadId: string }[] = [];
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
        results.push({ ...withId, status: 'duplicate', activityId: inBatch.activityId, leadId: inBatch.leadId });
        continue;
      }
      const linked = item.visitorId ? byId.get(links.get(item.visitorId) ?? '') : undefined;
      const match =
        (item.mobileKey && byMobile.get(item.mobileKey) && { lead: byMobile.get(item.mobileKey)!, on: 'mobile' as const }) ||
        (item.emailKey && byEmail.get(item.emailKey) && { lead: byEmail.get(item.emailKey)!, on: 'email' as const }) ||
        (linked && { lead: linked, on: 'visitor' as const }) ||
        null;
      if (!match) {
        results.push({ ...withId, status: 'unmatched' });
        continue;
      }
      const activityId = uuidv7();
      try {
        match.lead.recordActivity(
          {
            id: activityId,
            kind: item.kind,
            occurredAt: item.occurredAt,
            outcome: null,
            channel: item.channel,
            campaign: item.campaign,
            detail: { source: 'batch', matchedOn: match.on, ...(item.visitorId ? { visitorId: item.visitorId } : {}) },
            recordedBy: actor.id,
          },
          now,
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ ...withId, status: 'invalid', code: error.code, field: 'occurredAt' });
        continue;
      }
      const leadId = visible(match.lead.snapshot()) ? match.lead.id : null;
      touched.set(match.lead.id, { lead: match.lead, lastActivityId: activityId });
      if (item.externalId) {
        externalIds.set(activityId, item.externalId);
        seen.set(item.externalId, { activityId, leadId });
      }
      if (item.visitorId && match.on !== 'visitor' && !links.has(item.visitorId)) {
        visitorLinks.push({ visitorId: item.visitorId, leadId: match.lead.id });
        links.set(item.visitorId, match.lead.id);
      }
      results.push({ ...withId, status: 'recorded', matchedOn: match.on, leadId, activityId });
    }

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
      await this.store.linkVisitors(visitorLinks, now);
    }
    const count = (status: IngestItemResult['status']) => results.filter((result) => result.status === status).length;
    return {
      received: items.length,
      recorded: count('recorded'),
      duplicates: count('duplicate'),
      unmatched: count('unmatched'),
      invalid: count('invalid'),
      leadsRescored: touched.size,
      items: results,
    };
  }
}
