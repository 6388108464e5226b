import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SqlParams, TransactionHost } from '@crm/platform';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { TICKET_COLUMNS, type TicketRow } from '../../../infrastructure/ticket-row.js';
import { TicketAccess } from '../../ticket-access.js';
import { toTicketView, type TicketView } from '../ticket-view.js';
import { GetTicketQuery } from './get-ticket.query.js';

@QueryHandler(GetTicketQuery)
export class GetTicketHandler implements IQueryHandler<GetTicketQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: TicketAccess,
  ) {}

  async execute({ actor, ticketId }: GetTicketQuery): Promise<TicketView> {
    const params = new SqlParams();
    const reach = await this.access.reachOf(actor);
    const row = await this.tx.queryOne<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM service_ticket.tickets t WHERE t.id = ${params.add(ticketId)} AND ${reach.sql(params)}`,
      params.values,
    );
    if (!row) throw TicketErrors.notFound();
    return toTicketView(row);
  }
}
