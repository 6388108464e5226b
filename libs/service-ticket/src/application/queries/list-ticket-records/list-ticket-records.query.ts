import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { RecordKind, TicketActorRef } from '../../../domain/ticket.types.js';
import type { TicketPrincipal } from '../../ticket-principal.js';

export interface TicketRecordView {
  id: string;
  kind: RecordKind;
  body: string;
  author: TicketActorRef;
  createdAt: string;
}

/** A ticket's handling records [处理记录], oldest first; a self-service visitor sees only the public ones. */
export class ListTicketRecordsQuery extends Query<Page<TicketRecordView>> {
  constructor(
    readonly by: TicketPrincipal,
    readonly ticketId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
