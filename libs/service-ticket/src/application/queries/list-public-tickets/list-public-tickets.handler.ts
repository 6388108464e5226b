import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { TICKET_COLUMNS, type TicketRow } from '../../../infrastructure/ticket-row.js';
import { toPublicTicketView, type PublicTicketView } from '../ticket-view.js';
import { ListPublicTicketsQuery } from './list-public-tickets.query.js';

@QueryHandler(ListPublicTicketsQuery)
export class ListPublicTicketsHandler implements IQueryHandler<ListPublicTicketsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ visitor, limit, cursor, ticketId }: ListPublicTicketsQuery): Promise<Page<PublicTicketView>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.tx.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM service_ticket.tickets t
        WHERE t.contact_id = $1 AND t.customer_id = $2 AND ($3::uuid IS NULL OR t.id = $3::uuid) AND ($4::uuid IS NULL OR t.id < $4::uuid)
        ORDER BY t.id DESC LIMIT $5`,
      [visitor.contactId, visitor.customerId, ticketId ?? null, afterId ?? null, limit + 1],
    );
    if (ticketId && rows.length === 0) throw TicketErrors.notFound();
    return toPage(rows, limit, (row) => [row.id], toPublicTicketView);
  }
}
