import { Injectable } from '@nestjs/common';
import type { ScoreCauseV1 } from '../contracts/events.js';
import type { Lead, VersionedRules } from '../domain/lead.aggregate.js';
import { Leads, type RescoreCursor, type RescoreSelection } from '../domain/leads.port.js';
import { longestWindowDays } from '../domain/scoring.js';

/** Scores leads with the activities their rules can see: one lead after a change, or a batch at a time. */
@Injectable()
export class LeadScorer {
  constructor(private readonly leads: Leads) {}

  /** Re-scores one loaded lead (its activities added in this unit of work included). */
  async rescore(lead: Lead, rules: VersionedRules, now: Date, cause: ScoreCauseV1, activityId: string | null = null): Promise<void> {
    const activities = await this.leads.recentActivities([lead.id], longestWindowDays(rules.rules), now);
    lead.rescore(rules, activities.get(lead.id) ?? [], now, cause, activityId);
  }

  /**
   * Locks up to `limit` open leads the selection names, scores them in memory and writes all their
   * scores in one statement (their events and history lines in one more each). Answers how many
   * leads it took (none means none are left that it could take) and the last one's place in the
   * selection's order, where the next batch of a pass starts.
   */
  async rescoreBatch(
    selection: RescoreSelection,
    rules: VersionedRules,
    limit: number,
    skipLocked: boolean,
    now: Date,
  ): Promise<{ taken: number; last: RescoreCursor | undefined }> {
    const batch = await this.leads.lockForRescore(selection, limit, skipLocked);
    if (batch.length === 0) return { taken: 0, last: undefined };
    const lastLead = batch[batch.length - 1]!;
    const last = { rulesVersion: lastLead.scoring.rulesVersion, id: lastLead.id };
    const activities = await this.leads.recentActivities(
      batch.map((lead) => lead.id),
      longestWindowDays(rules.rules),
      now,
    );
    const cause: ScoreCauseV1 = selection.kind === 'stale-rules' ? 'rules-changed' : 'window-expired';
    for (const lead of batch) lead.rescore(rules, activities.get(lead.id) ?? [], now, cause);
    await this.leads.saveScores(batch);
    return { taken: batch.length, last };
  }
}
