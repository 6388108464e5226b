import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost, wholeList, type Page } from '@crm/platform';
import { TicketReader } from '../ticket-reader.js';
import { GetTicketSlaClocksQuery, type SlaClockView } from './get-ticket-sla-clocks.query.js';

const iso = (value: Date | null) => value?.toISOString() ?? null;

@QueryHandler(GetTicketSlaClocksQuery)
export class GetTicketSlaClocksHandler implements IQueryHandler<GetTicketSlaClocksQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly reader: TicketReader,
  ) {}

  async execute({ actor, ticketId }: GetTicketSlaClocksQuery): Promise<Page<SlaClockView>> {
    await this.reader.assertVisible({ kind: 'staff', actor }, ticketId);
    const rows = await this.tx.query<{
      metric: SlaClockView['metric'];
      policy_id: string;
      calendar_id: string | null;
      target_minutes: number;
      started_at: Date;
      warn_at: Date | null;
      deadline_at: Date | null;
      achieved_at: Date | null;
      paused_since: Date | null;
      state: string;
      warned_at: Date | null;
      breached_at: Date | null;
    }>(
      `SELECT metric, policy_id, calendar_id, target_minutes, started_at, warn_at, deadline_at, achieved_at, paused_since, state, warned_at, breached_at
         FROM service_ticket.ticket_sla_clocks WHERE ticket_id = $1 ORDER BY metric`,
      [ticketId],
    );
    return wholeList(
      rows.map((row) => ({
        metric: row.metric,
        policyId: row.policy_id,
        calendarId: row.calendar_id,
        targetMinutes: row.target_minutes,
        startedAt: row.started_at.toISOString(),
        warnAt: iso(row.warn_at),
        deadlineAt: iso(row.deadline_at),
        achievedAt: iso(row.achieved_at),
        pausedSince: iso(row.paused_since),
        state: row.breached_at !== null && row.state !== 'missed' ? 'breached' : row.state,
        warnedAt: iso(row.warned_at),
        breachedAt: iso(row.breached_at),
      })),
    );
  }
}
