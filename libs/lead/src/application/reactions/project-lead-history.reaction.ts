import { Injectable } from '@nestjs/common';
import { EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler, type SqlStatement } from '@crm/platform';
import { LeadEvents } from '../../contracts/events.js';

/** One 5W2H line [5W2H日志]: who, what, when, where (pool, channel), why, how, how much (score change). */
interface HistoryLine {
  event_id: string;
  lead_id: string;
  occurred_at: string;
  actor_id: string | null;
  what: string;
  pool_id: string | null;
  channel: string | null;
  why: string | null;
  how: string | null;
  score_change: number | null;
  detail: Record<string, unknown>;
}

/** The 5W2H line an event of a lead makes, or undefined for events that are not about one lead. */
function lineOf(event: EventEnvelope): HistoryLine | undefined {
  const base = { event_id: event.id, lead_id: event.aggregateId, occurred_at: event.occurredAt, actor_id: event.actor };
  if (LeadEvents.captured.matches(event)) {
    const { poolId, channel, leadId: _leadId, ...facts } = event.payload;
    const how = facts.utmSource ? `utm: ${[facts.utmSource, facts.utmMedium, facts.utmCampaign].filter(Boolean).join(' / ')}` : 'manual';
    // What was captured, without the fields left empty.
    const detail = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== null));
    return { ...base, what: 'captured', pool_id: poolId, channel, why: facts.campaign ? `campaign ${facts.campaign}` : null, how, score_change: null, detail };
  }
  if (LeadEvents.updated.matches(event)) {
    const { poolId, changes } = event.payload;
    return { ...base, what: 'updated', pool_id: poolId, channel: null, why: null, how: 'edit', score_change: null, detail: { changes } };
  }
  if (LeadEvents.merged.matches(event)) {
    const { poolId, channel, matchedOn, activityId, campaign } = event.payload;
    const why = `duplicate submission: same ${matchedOn} as this open lead`;
    return { ...base, what: 'merged', pool_id: poolId, channel, why, how: 'de-duplication', score_change: null, detail: { activityId, matchedOn, campaign } };
  }
  if (LeadEvents.moved.matches(event)) {
    const { toPoolId, reason, ...detail } = event.payload;
    return { ...base, what: 'moved', pool_id: toPoolId, channel: null, why: reason, how: 'move', score_change: null, detail };
  }
  if (LeadEvents.activityRecorded.matches(event)) {
    const { poolId, channel, kind, activityId, occurredAt, outcome } = event.payload;
    return {
      ...base,
      what: 'activity-recorded',
      pool_id: poolId,
      channel,
      why: null,
      how: kind,
      score_change: null,
      detail: { activityId, kind, occurredAt, outcome },
    };
  }
  if (LeadEvents.assigned.matches(event)) {
    const { poolId, how, ownerId, previousOwnerId, ruleId, strategy, reason, candidates, skipped } = event.payload;
    const why = how === 'auto' ? (ruleId ? `assignment rule ${ruleId}` : `pool strategy ${strategy ?? ''}`.trim()) : reason;
    return {
      ...base,
      what: 'assigned',
      pool_id: poolId,
      channel: null,
      why,
      how,
      score_change: null,
      detail: { ownerId, previousOwnerId, strategy, candidates, skipped },
    };
  }
  if (LeadEvents.recycled.matches(event)) {
    const { toPoolId, fromPoolId, rule, afterDays, previousOwnerId } = event.payload;
    const why = rule === 'not-followed-up' ? `not followed up within ${afterDays} days` : `not converted within ${afterDays} days`;
    return {
      ...base,
      what: 'recycled',
      pool_id: toPoolId,
      channel: null,
      why,
      how: 'recycling',
      score_change: null,
      detail: { fromPoolId, previousOwnerId, rule },
    };
  }
  if (LeadEvents.converted.matches(event)) {
    const { poolId, channel, leadId: _leadId, ...detail } = event.payload;
    return { ...base, what: 'converted', pool_id: poolId, channel, why: null, how: 'conversion', score_change: null, detail };
  }
  if (LeadEvents.conversionPending.matches(event)) {
    const { poolId, leadId: _leadId, poolPath: _poolPath, ...detail } = event.payload;
    const why = 'the new customer’s grade needs an approver before the converter holds it';
    return { ...base, what: 'conversion-pending', pool_id: poolId, channel: null, why, how: 'conversion', score_change: null, detail };
  }
  if (LeadEvents.conversionRefused.matches(event)) {
    const { poolId, reason, errorCode, leadId: _leadId, ...detail } = event.payload;
    return {
      ...base,
      what: 'conversion-refused',
      pool_id: poolId,
      channel: null,
      why: errorCode ? `${reason}: ${errorCode}` : reason,
      how: 'conversion',
      score_change: null,
      detail: { ...detail, reason, errorCode },
    };
  }
  if (LeadEvents.closedV2.matches(event)) {
    const { poolId, reason, reasonLabel, note, ownerId } = event.payload;
    return {
      ...base,
      what: 'closed',
      pool_id: poolId,
      channel: null,
      why: note ? `${reason}: ${note}` : reason,
      how: 'closure',
      score_change: null,
      detail: { reason, reasonLabel, note, ownerId },
    };
  }
  if (LeadEvents.reopenedV2.matches(event)) {
    const { poolId, closedFor, note, ownerId } = event.payload;
    return { ...base, what: 'reopened', pool_id: poolId, channel: null, why: note, how: 'reopening', score_change: null, detail: { closedFor, ownerId } };
  }
  if (LeadEvents.scored.matches(event)) {
    const { poolId, cause, fromScore, toScore, contributions } = event.payload;
    const fired = contributions.map((contribution) => `${contribution.ruleName} ${contribution.points > 0 ? '+' : ''}${contribution.points}`);
    const { leadId: _leadId, poolId: _poolId, ...detail } = event.payload;
    return {
      ...base,
      what: 'scored',
      pool_id: poolId,
      channel: null,
      why: fired.length > 0 ? fired.join('; ') : 'no rule fires',
      how: cause,
      score_change: toScore - (fromScore ?? 0),
      detail,
    };
  }
  return undefined;
}

/**
 * Keeps each lead's 5W2H history (LEAD-8) from its own events, in the transaction that records
 * them: the history is exact the moment a change commits, and a score change is never without its
 * explanation.
 */
@Injectable()
@EventReaction({
  consumer: 'lead.project-history',
  events: [
    LeadEvents.captured,
    LeadEvents.updated,
    LeadEvents.merged,
    LeadEvents.moved,
    LeadEvents.activityRecorded,
    LeadEvents.scored,
    LeadEvents.assigned,
    LeadEvents.recycled,
    LeadEvents.converted,
    LeadEvents.conversionPending,
    LeadEvents.conversionRefused,
    LeadEvents.closedV2,
    LeadEvents.reopenedV2,
  ],
  delivery: 'in-transaction',
})
export class ProjectLeadHistoryReaction implements EventReactionHandler {
  constructor(private readonly tx: TransactionHost) {}

  handle(event: EventEnvelope): Promise<void> {
    return this.handleAll([event]);
  }

  async handleAll(events: readonly EventEnvelope[]): Promise<void> {
    const statement = this.statementFor(events);
    if (statement) await this.tx.query(statement.sql, statement.params);
  }

  /** The lines as one INSERT, which the recorder sends with the events themselves (one round trip). */
  statementFor(events: readonly EventEnvelope[]): SqlStatement | undefined {
    const lines = events.map(lineOf).filter((line): line is HistoryLine => line !== undefined);
    if (lines.length === 0) return undefined;
    return {
      sql: `INSERT INTO lead.history (event_id, lead_id, occurred_at, actor_id, what, pool_id, channel, why, how, score_change, detail)
       SELECT h.event_id, h.lead_id, h.occurred_at, h.actor_id, h.what, h.pool_id, h.channel, h.why, h.how, h.score_change, h.detail
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(line, n)
        CROSS JOIN LATERAL jsonb_to_record(e.line) AS h(event_id uuid, lead_id uuid, occurred_at timestamptz, actor_id text, what text,
                                                      pool_id uuid, channel text, why text, how text, score_change integer, detail jsonb)
        ORDER BY e.n
       ON CONFLICT (event_id) DO NOTHING`,
      params: [JSON.stringify(lines)],
    };
  }
}
