import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { SlaClock, TicketClockHistory } from '../domain/sla-clock.js';
import type { SlaMetric, TicketSlaFacts } from '../domain/sla-policy.js';

/** What the SLA side reads of a ticket: the facts policies match on, its team, and its history. */
export interface TicketForSla {
  ticketId: string;
  customerId: string;
  teamId: string | null;
  handlerId: string | null;
  facts: TicketSlaFacts;
  history: TicketClockHistory;
}

export interface StoredClock {
  ticketId: string;
  metric: SlaMetric;
  policyId: string;
  targetMinutes: number;
  warnAt: Date | null;
  deadlineAt: Date | null;
  achievedAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  customerId: string;
  teamId: string | null;
  handlerId: string | null;
}

interface TicketRow {
  id: string;
  customer_id: string;
  customer_grade: string | null;
  contract_id: string | null;
  type_path: string[];
  priority: string;
  team_id: string | null;
  handler_id: string | null;
  created_at: Date;
  first_responded_at: Date | null;
  changes: { at: string; status: string }[];
}

interface ClockRow {
  ticket_id: string;
  metric: SlaMetric;
  policy_id: string;
  target_minutes: number;
  warn_at: Date | null;
  deadline_at: Date | null;
  achieved_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  customer_id: string;
  team_id: string | null;
  handler_id: string | null;
}

const toStoredClock = (row: ClockRow): StoredClock => ({
  ticketId: row.ticket_id,
  metric: row.metric,
  policyId: row.policy_id,
  targetMinutes: row.target_minutes,
  warnAt: row.warn_at,
  deadlineAt: row.deadline_at,
  achievedAt: row.achieved_at,
  warnedAt: row.warned_at,
  breachedAt: row.breached_at,
  customerId: row.customer_id,
  teamId: row.team_id,
  handlerId: row.handler_id,
});

/**
 * The next instant the scan must look at a clock: its warning while none was recorded and the target
 * is unmet, then its deadline while no breach was recorded and the target is unmet (or met late).
 * Kept in SQL so the scan and the recomputation agree on it.
 */
const NEXT_CHECK = `
  CASE WHEN c.stopped_at IS NOT NULL THEN NULL
       WHEN c.warned_at IS NULL AND c.achieved_at IS NULL AND c.warn_at IS NOT NULL THEN c.warn_at
       WHEN c.breached_at IS NULL AND c.deadline_at IS NOT NULL AND (c.achieved_at IS NULL OR c.achieved_at > c.deadline_at) THEN c.deadline_at
  END`;

@Injectable()
export class SlaClockStore {
  constructor(private readonly tx: TransactionHost) {}

  /** Tickets with their status history, in the caller's transaction (the ticket's own, when a reaction reads it). */
  async tickets(ticketIds: readonly string[]): Promise<TicketForSla[]> {
    const rows = await this.tx.query<TicketRow>(
      `SELECT t.id, t.customer_id, t.customer_grade, t.contract_id, t.type_path, t.priority, t.team_id, t.handler_id,
              t.created_at, t.first_responded_at,
              COALESCE((SELECT json_agg(json_build_object('at', h.at, 'status', h.to_status) ORDER BY h.at, h.id)
                          FROM service_ticket.status_history h WHERE h.ticket_id = t.id), '[]') AS changes
         FROM service_ticket.tickets t
        WHERE t.id = ANY($1::uuid[])`,
      [ticketIds],
    );
    return rows.map((row) => ({
      ticketId: row.id,
      customerId: row.customer_id,
      teamId: row.team_id,
      handlerId: row.handler_id,
      facts: { priority: row.priority, ticketTypeIds: row.type_path, customerGrade: row.customer_grade, contractId: row.contract_id },
      history: {
        createdAt: row.created_at.getTime(),
        statusChanges: row.changes.map((change) => ({ at: Date.parse(change.at), status: change.status })),
        firstPublicReplyAt: row.first_responded_at?.getTime() ?? null,
      },
    }));
  }

  /** Open tickets (not closed nor cancelled) after `afterId`, in id order: the set a policy or calendar change recomputes. */
  async openTicketIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `SELECT id FROM service_ticket.tickets
        WHERE status NOT IN ('closed', 'cancelled') AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Writes a ticket's clocks. The warning and breach already recorded stay (a breached SLA stays
   * breached); clocks no policy covers any more are dropped unless a breach was recorded on them.
   */
  async save(ticketId: string, calendarId: string | null, clocks: readonly SlaClock[], now: Date): Promise<void> {
    const iso = (instant: number | null) => (instant === null ? null : new Date(instant));
    for (const clock of clocks) {
      await this.tx.query(
        `INSERT INTO service_ticket.ticket_sla_clocks AS c
                (ticket_id, metric, policy_id, calendar_id, target_minutes, started_at, warn_at, deadline_at, achieved_at,
                 paused_since, stopped_at, state, computed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (ticket_id, metric) DO UPDATE
            SET policy_id = EXCLUDED.policy_id, calendar_id = EXCLUDED.calendar_id, target_minutes = EXCLUDED.target_minutes,
                started_at = EXCLUDED.started_at, warn_at = EXCLUDED.warn_at, deadline_at = EXCLUDED.deadline_at,
                achieved_at = EXCLUDED.achieved_at, paused_since = EXCLUDED.paused_since, stopped_at = EXCLUDED.stopped_at,
                state = EXCLUDED.state, computed_at = EXCLUDED.computed_at`,
        [
          ticketId,
          clock.metric,
          clock.policyId,
          calendarId,
          clock.targetMinutes,
          iso(clock.startedAt),
          iso(clock.warnAt),
          iso(clock.deadlineAt),
          iso(clock.achievedAt),
          iso(clock.pausedSince),
          iso(clock.stoppedAt),
          clock.state,
          now,
        ],
      );
    }
    await this.tx.query(`DELETE FROM service_ticket.ticket_sla_clocks WHERE ticket_id = $1 AND NOT (metric = ANY($2::text[])) AND breached_at IS NULL`, [
      ticketId,
      clocks.map((clock) => clock.metric),
    ]);
    await this.tx.query(`UPDATE service_ticket.ticket_sla_clocks c SET next_check_at = ${NEXT_CHECK} WHERE c.ticket_id = $1`, [ticketId]);
  }

  /**
   * Locks up to `limit` clocks due at `now` that no other worker holds (SKIP LOCKED), with what an
   * event about them says.
   */
  async lockDue(now: Date, limit: number): Promise<StoredClock[]> {
    const rows = await this.tx.query<ClockRow>(
      `WITH due AS (
         SELECT ticket_id, metric FROM service_ticket.ticket_sla_clocks
          WHERE next_check_at <= $1 ORDER BY next_check_at LIMIT $2
            FOR UPDATE SKIP LOCKED)
       SELECT c.ticket_id, c.metric, c.policy_id, c.target_minutes, c.warn_at, c.deadline_at, c.achieved_at, c.warned_at, c.breached_at,
              t.customer_id, t.team_id, t.handler_id
         FROM due JOIN service_ticket.ticket_sla_clocks c USING (ticket_id, metric)
         JOIN service_ticket.tickets t ON t.id = c.ticket_id`,
      [now, limit],
    );
    return rows.map(toStoredClock);
  }

  /** Records warnings and breaches (each only if not yet recorded) on a locked batch, and moves each row's next check: two statements. */
  async record(marks: readonly { ticketId: string; metric: SlaMetric; warn: boolean; breach: boolean }[], now: Date): Promise<void> {
    if (marks.length === 0) return;
    const values = [
      marks.map((mark) => mark.ticketId),
      marks.map((mark) => mark.metric),
      marks.map((mark) => mark.warn),
      marks.map((mark) => mark.breach),
      now,
    ];
    await this.tx.query(
      `UPDATE service_ticket.ticket_sla_clocks c
          SET warned_at = COALESCE(c.warned_at, CASE WHEN m.warn THEN $5::timestamptz END),
              breached_at = COALESCE(c.breached_at, CASE WHEN m.breach THEN $5::timestamptz END)
         FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::boolean[]) AS m (ticket_id, metric, warn, breach)
        WHERE c.ticket_id = m.ticket_id AND c.metric = m.metric`,
      values,
    );
    await this.tx.query(
      `UPDATE service_ticket.ticket_sla_clocks c SET next_check_at = ${NEXT_CHECK}
         FROM unnest($1::uuid[], $2::text[]) AS m (ticket_id, metric)
        WHERE c.ticket_id = m.ticket_id AND c.metric = m.metric`,
      values.slice(0, 2),
    );
  }

  async clock(ticketId: string, metric: SlaMetric): Promise<StoredClock | undefined> {
    const row = await this.tx.queryOne<ClockRow>(
      `SELECT c.ticket_id, c.metric, c.policy_id, c.target_minutes, c.warn_at, c.deadline_at, c.achieved_at, c.warned_at, c.breached_at,
              t.customer_id, t.team_id, t.handler_id
         FROM service_ticket.ticket_sla_clocks c JOIN service_ticket.tickets t ON t.id = c.ticket_id
        WHERE c.ticket_id = $1 AND c.metric = $2`,
      [ticketId, metric],
    );
    return row && toStoredClock(row);
  }
}
