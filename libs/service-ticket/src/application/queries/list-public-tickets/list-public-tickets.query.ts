import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { PortalVisitor } from '../../ticket-principal.js';
import type { PublicTicketView } from '../ticket-view.js';

/** A self-service visitor's own tickets [我的工单], newest first; or one of them with `ticketId` (404 for anyone else's). */
export class ListPublicTicketsQuery extends Query<Page<PublicTicketView>> {
  constructor(
    readonly visitor: PortalVisitor,
    readonly limit: number,
    readonly cursor?: string,
    readonly ticketId?: string,
  ) {
    super();
  }
}
