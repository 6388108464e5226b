import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { TicketChannel, TicketPriority, TicketStatus } from '../../../domain/ticket.types.js';
import type { TicketView } from '../ticket-view.js';

export interface TicketFilters {
  status?: TicketStatus;
  priority?: TicketPriority;
  channel?: TicketChannel;
  customerId?: string;
  teamId?: string;
  handlerId?: string;
  /** A type and its sub-types. */
  typeId?: string;
  /** `true`: only tickets waiting in a team queue without a handler [待抢单]. */
  unassigned?: boolean;
  /** `at-risk`: an SLA clock past its warning, unmet and not breached; `breached`: a breach recorded [SLA违约]. */
  sla?: 'at-risk' | 'breached';
}

/** Tickets in the caller's reach [工单列表], newest first; filters combine with AND. */
export class ListTicketsQuery extends Query<Page<TicketView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: TicketFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
