import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost, wholeList, type Page } from '@crm/platform';
import { TicketReader } from '../ticket-reader.js';
import { GetStatusHistoryQuery, type StatusChangeView } from './get-status-history.query.js';

@QueryHandler(GetStatusHistoryQuery)
export class GetStatusHistoryHandler implements IQueryHandler<GetStatusHistoryQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly reader: TicketReader,
  ) {}

  async execute({ actor, ticketId }: GetStatusHistoryQuery): Promise<Page<StatusChangeView>> {
    await this.reader.assertVisible({ kind: 'staff', actor }, ticketId);
    const rows = await this.tx.query<StatusChangeView & { at: Date }>(
      `SELECT from_status AS "from", to_status AS "to", at,
              CASE WHEN by_id IS NULL THEN NULL ELSE json_build_object('kind', by_kind, 'id', by_id) END AS by, reason
         FROM service_ticket.status_history WHERE ticket_id = $1 ORDER BY at, id`,
      [ticketId],
    );
    return wholeList(rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() })));
  }
}
