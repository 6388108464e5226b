import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import { TicketReader } from '../ticket-reader.js';
import { ListTicketRecordsQuery, type TicketRecordView } from './list-ticket-records.query.js';

@QueryHandler(ListTicketRecordsQuery)
export class ListTicketRecordsHandler implements IQueryHandler<ListTicketRecordsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly reader: TicketReader,
  ) {}

  async execute({ by, ticketId, limit, cursor }: ListTicketRecordsQuery): Promise<Page<TicketRecordView>> {
    await this.reader.assertVisible(by, ticketId);
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.tx.query<TicketRecordView>(
      `SELECT id, kind, body, json_build_object('kind', author_kind, 'id', author_id) AS author, created_at AS "createdAt"
         FROM service_ticket.records
        WHERE ticket_id = $1 AND ($2::boolean OR kind <> 'internal-note') AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $4`,
      [ticketId, by.kind === 'staff', afterId ?? null, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }),
    );
  }
}
