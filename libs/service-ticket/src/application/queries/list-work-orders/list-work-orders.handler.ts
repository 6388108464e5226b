import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost, wholeList, type Page } from '@crm/platform';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { toWorkOrderState, WORK_ORDER_SELECT, type WorkOrderRow } from '../../../infrastructure/work-order.repository.js';
import { TicketReader } from '../ticket-reader.js';
import { ListWorkOrdersQuery, type WorkOrderView } from './list-work-orders.query.js';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

@QueryHandler(ListWorkOrdersQuery)
export class ListWorkOrdersHandler implements IQueryHandler<ListWorkOrdersQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly reader: TicketReader,
  ) {}

  async execute({ actor, ticketId, workOrderId }: ListWorkOrdersQuery): Promise<Page<WorkOrderView>> {
    await this.reader.assertVisible({ kind: 'staff', actor }, ticketId);
    const rows = await this.tx.query<WorkOrderRow>(
      `${WORK_ORDER_SELECT} WHERE w.ticket_id = $1 AND ($2::uuid IS NULL OR w.id = $2::uuid) ORDER BY w.id LIMIT 500`,
      [ticketId, workOrderId ?? null],
    );
    if (workOrderId && rows.length === 0) throw TicketErrors.workOrderNotFound();
    return wholeList(
      rows.map((row) => {
        const {
          ticket,
          appointmentStart,
          appointmentEnd,
          checkedInAt,
          checkedOutAt,
          signedAt,
          createdAt,
          updatedAt: _updatedAt,
          ...rest
        } = toWorkOrderState(row);
        return {
          ...rest,
          ticketId: ticket.ticketId,
          appointmentStart: iso(appointmentStart)!,
          appointmentEnd: iso(appointmentEnd)!,
          checkedInAt: iso(checkedInAt),
          checkedOutAt: iso(checkedOutAt),
          signedAt: iso(signedAt),
          createdAt: iso(createdAt)!,
        };
      }),
    );
  }
}
