import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TicketView } from '../ticket-view.js';

/** One ticket the caller may see (404 otherwise). */
export class GetTicketQuery extends Query<TicketView> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
  ) {
    super();
  }
}
