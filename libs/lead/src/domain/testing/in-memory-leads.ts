import { Lead, type LeadActivity, type LeadState } from '../lead.aggregate.js';
import { matchingKeys, type LeadKeys, type MatchedOn } from '../lead-keys.js';
import type { ScoredActivity } from '../lead.types.js';
import { Leads, type RescoreCursor, type RescoreSelection } from '../leads.port.js';

/** Open, or converting (its conversion waits for approval): the statuses that hold a lead's keys. */
const live = (state: LeadState) => state.status === 'open' || state.status === 'converting';

const afterCursor = (state: LeadState, cursor: RescoreCursor) =>
  state.scoring.rulesVersion > cursor.rulesVersion || (state.scoring.rulesVersion === cursor.rulesVersion && state.id > cursor.id);

/** Leads kept in memory, for handler specs: what was saved, and the events each save carried. */
export class InMemoryLeads extends Leads {
  private readonly states = new Map<string, LeadState>();
  private readonly activities: (LeadActivity & { leadId: string })[] = [];
  readonly savedEvents: { type: string; aggregateId: string; payload: object }[] = [];
  /** Sizes of the batches `lockForRescore` handed out. */
  readonly batches: number[] = [];

  /** Puts a lead in place as if it had been saved before. */
  seed(lead: Lead): void {
    lead.pullEvents();
    const { activities } = lead.takePendingWrites();
    this.activities.push(...activities.map((activity) => ({ ...activity, leadId: lead.id })));
    this.states.set(lead.id, structuredClone(lead.snapshot()) as LeadState);
  }

  state(id: string): LeadState | undefined {
    return this.states.get(id);
  }

  lock(id: string): Promise<Lead | undefined> {
    const state = this.states.get(id);
    return Promise.resolve(state && Lead.rehydrate(structuredClone(state)));
  }

  lockConverting(applicationId: string): Promise<Lead | undefined> {
    const state = [...this.states.values()].find((s) => s.status === 'converting' && s.pendingConversion?.applicationId === applicationId);
    return Promise.resolve(state && Lead.rehydrate(structuredClone(state)));
  }

  lockOpenMatch(keys: LeadKeys): Promise<{ lead: Lead; matchedOn: MatchedOn } | undefined> {
    for (const { on, key } of matchingKeys(keys)) {
      const found = [...this.states.values()].find((state) => live(state) && state.keys[on] === key);
      if (found) return Promise.resolve({ lead: Lead.rehydrate(structuredClone(found)), matchedOn: on });
    }
    return Promise.resolve(undefined);
  }

  findOpenDuplicate(keys: LeadKeys, excludeId: string): Promise<{ leadId: string; matchedOn: MatchedOn } | undefined> {
    for (const { on, key } of matchingKeys(keys)) {
      const found = [...this.states.values()].find((state) => state.id !== excludeId && live(state) && state.keys[on] === key);
      if (found) return Promise.resolve({ leadId: found.id, matchedOn: on });
    }
    return Promise.resolve(undefined);
  }

  recentActivities(leadIds: readonly string[], days: number, now: Date): Promise<Map<string, ScoredActivity[]>> {
    const since = now.getTime() - days * 24 * 60 * 60 * 1000;
    const byLead = new Map<string, ScoredActivity[]>();
    for (const activity of this.activities) {
      if (!leadIds.includes(activity.leadId) || activity.occurredAt.getTime() <= since) continue;
      byLead.set(activity.leadId, [...(byLead.get(activity.leadId) ?? []), { kind: activity.kind, occurredAt: activity.occurredAt }]);
    }
    return Promise.resolve(byLead);
  }

  add(lead: Lead): Promise<boolean> {
    if (this.states.has(lead.id) || matchingKeys(lead.keys).some(({ on, key }) => [...this.states.values()].some((s) => live(s) && s.keys[on] === key))) {
      return Promise.resolve(false);
    }
    return this.save(lead).then(() => true);
  }

  save(lead: Lead): Promise<void> {
    const { activities } = lead.takePendingWrites();
    this.activities.push(...activities.map((activity) => ({ ...activity, leadId: lead.id })));
    this.states.set(lead.id, structuredClone(lead.snapshot()) as LeadState);
    this.savedEvents.push(...lead.pullEvents().map(({ type, aggregateId, payload }) => ({ type, aggregateId, payload })));
    return Promise.resolve();
  }

  lockOpenMatches(): Promise<Lead[]> {
    return Promise.reject(new Error('not used by handler specs'));
  }

  addMany(): Promise<Set<string>> {
    return Promise.reject(new Error('not used by handler specs'));
  }

  /** Pools' rules are not kept here: every owned open lead is a candidate; the job re-checks each. */
  lockDueForRecycling(_now: Date, limit: number): Promise<Lead[]> {
    const owned = [...this.states.values()].filter((state) => state.status === 'open' && state.ownerId !== null).slice(0, limit);
    return Promise.resolve(owned.map((state) => Lead.rehydrate(structuredClone(state))));
  }

  lockForRescore(selection: RescoreSelection, limit: number): Promise<Lead[]> {
    const due = [...this.states.values()]
      .filter((state) => state.status === 'open')
      .filter((state) =>
        selection.kind === 'stale-rules'
          ? state.scoring.rulesVersion < selection.rulesVersion && (!selection.after || afterCursor(state, selection.after))
          : state.scoring.nextRescoreAt !== null && state.scoring.nextRescoreAt.getTime() <= selection.now.getTime(),
      )
      .sort((a, b) => a.scoring.rulesVersion - b.scoring.rulesVersion || a.id.localeCompare(b.id))
      .slice(0, limit);
    this.batches.push(due.length);
    return Promise.resolve(due.map((state) => Lead.rehydrate(structuredClone(state))));
  }

  async saveScores(leads: readonly Lead[]): Promise<void> {
    for (const lead of leads) await this.save(lead);
  }
}
