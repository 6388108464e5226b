import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface EscalateTicketInput {
  ticketId: string;
  reason: string;
  /** `manual` from the API; `sla-warning` / `sla-breach` when the SLA scan escalates. */
  trigger: 'manual' | 'sla-warning' | 'sla-breach';
  /** Whom to escalate to; by default the handler's manager [直属上级]. */
  toUserId?: string | null;
  /** The same key escalates once (an SLA warning delivered twice), e.g. `sla-warning:<policy>:<clock>`. */
  dedupeKey?: string | null;
  /** The caller, checked against the ticket's data scope; none for the system (SLA scan). */
  actor?: Actor | null;
}

/**
 * Escalates a ticket [升级] to the next tier: it goes to a supervisor (named, or the handler's
 * manager). Sent by hand through the API, or by the SLA side on a warning or breach.
 */
export class EscalateTicketCommand extends Command<{ escalated: boolean; tier: number; handlerId: string | null; version: number }> {
  constructor(readonly input: EscalateTicketInput) {
    super();
  }
}
