import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';

export interface SlaClockView {
  metric: 'first-response' | 'resolution';
  policyId: string;
  calendarId: string | null;
  targetMinutes: number;
  startedAt: string;
  warnAt: string | null;
  deadlineAt: string | null;
  achievedAt: string | null;
  pausedSince: string | null;
  /** `running`, `paused` (waiting on the customer), `met`, `missed` (met late), `stopped` (cancelled); `breached` once a breach was recorded. */
  state: string;
  warnedAt: string | null;
  breachedAt: string | null;
}

/** A ticket's SLA clocks [SLA计时]: deadlines computed from its history; 404 outside the caller's reach. */
export class GetTicketSlaClocksQuery extends Query<Page<SlaClockView>> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
  ) {
    super();
  }
}
