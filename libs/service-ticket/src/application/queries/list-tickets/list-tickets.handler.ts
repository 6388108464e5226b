import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, SqlParams, toPage, TransactionHost, type Page } from '@crm/platform';
import { TICKET_COLUMNS, type TicketRow } from '../../../infrastructure/ticket-row.js';
import { TicketAccess } from '../../ticket-access.js';
import { toTicketView, type TicketView } from '../ticket-view.js';
import { ListTicketsQuery, type TicketFilters } from './list-tickets.query.js';

const EXACT_FILTERS = {
  status: 't.status',
  priority: 't.priority',
  channel: 't.channel',
  customerId: 't.customer_id',
  teamId: 't.team_id',
  handlerId: 't.handler_id',
} as const satisfies Partial<Record<keyof TicketFilters, string>>;

/** SLA filters read the per-ticket clock rows the SLA scan maintains. */
const SLA_FILTERS = {
  'at-risk': `EXISTS (SELECT 1 FROM service_ticket.ticket_sla_clocks s WHERE s.ticket_id = t.id AND s.warn_at <= now()
                       AND s.breached_at IS NULL AND s.achieved_at IS NULL AND s.stopped_at IS NULL)`,
  breached: `EXISTS (SELECT 1 FROM service_ticket.ticket_sla_clocks s WHERE s.ticket_id = t.id AND s.breached_at IS NOT NULL)`,
} as const;

@QueryHandler(ListTicketsQuery)
export class ListTicketsHandler implements IQueryHandler<ListTicketsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: TicketAccess,
  ) {}

  async execute({ actor, filters, limit, cursor }: ListTicketsQuery): Promise<Page<TicketView>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const params = new SqlParams();
    const where = [(await this.access.reachOf(actor)).sql(params)];
    for (const [filter, column] of Object.entries(EXACT_FILTERS)) {
      const value = filters[filter as keyof typeof EXACT_FILTERS];
      if (value !== undefined) where.push(`${column} = ${params.add(value)}`);
    }
    if (filters.typeId) where.push(`t.type_path @> ARRAY[${params.add(filters.typeId)}::uuid]`);
    if (filters.unassigned === true) where.push(`t.handler_id IS NULL AND t.status = 'new'`);
    if (filters.unassigned === false) where.push(`t.handler_id IS NOT NULL`);
    if (filters.sla) where.push(SLA_FILTERS[filters.sla]);
    if (afterId) where.push(`t.id < ${params.add(afterId)}::uuid`);
    const rows = await this.tx.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM service_ticket.tickets t WHERE ${where.join(' AND ')} ORDER BY t.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    return toPage(rows, limit, (row) => [row.id], toTicketView);
  }
}
