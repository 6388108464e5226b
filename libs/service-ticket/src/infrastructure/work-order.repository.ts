import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { WorkOrder, type WorkOrderState } from '../domain/work-order.js';

interface WorkOrderRow {
  id: string;
  ticket_id: string;
  number: string;
  customer_id: string;
  address: string;
  appointment_start: Date;
  appointment_end: Date;
  technician_id: string;
  status: WorkOrderState['status'];
  checked_in_at: Date | null;
  checked_out_at: Date | null;
  parts_used: WorkOrderState['partsUsed'];
  result: string | null;
  signed_by: string | null;
  signed_at: Date | null;
  notes: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const WORK_ORDER_SELECT = `
  SELECT w.id, w.ticket_id, t.number, t.customer_id, w.address, w.appointment_start, w.appointment_end, w.technician_id, w.status,
         w.checked_in_at, w.checked_out_at, w.parts_used, w.result, w.signed_by, w.signed_at, w.notes, w.created_by, w.created_at,
         w.updated_at, w.version
    FROM service_ticket.work_orders w JOIN service_ticket.tickets t ON t.id = w.ticket_id`;

export function toWorkOrderState(row: WorkOrderRow): WorkOrderState {
  return {
    id: row.id,
    ticket: { ticketId: row.ticket_id, number: row.number, customerId: row.customer_id },
    address: row.address,
    appointmentStart: row.appointment_start,
    appointmentEnd: row.appointment_end,
    technicianId: row.technician_id,
    status: row.status,
    checkedInAt: row.checked_in_at,
    checkedOutAt: row.checked_out_at,
    partsUsed: row.parts_used,
    result: row.result,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    notes: row.notes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export type { WorkOrderRow };

/** Field work orders [现场工单] in service_ticket.work_orders. */
@Injectable()
export class WorkOrderRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  async lock(ticketId: string, workOrderId: string): Promise<WorkOrder | undefined> {
    const row = await this.tx.queryOne<WorkOrderRow>(`${WORK_ORDER_SELECT} WHERE w.id = $1 AND w.ticket_id = $2 FOR UPDATE OF w`, [workOrderId, ticketId]);
    return row && WorkOrder.rehydrate(toWorkOrderState(row));
  }

  async add(order: WorkOrder): Promise<void> {
    const s = order.snapshot();
    await this.tx.query(
      `INSERT INTO service_ticket.work_orders (id, ticket_id, address, appointment_start, appointment_end, technician_id, status, notes, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      [s.id, s.ticket.ticketId, s.address, s.appointmentStart, s.appointmentEnd, s.technicianId, s.status, s.notes, s.createdBy, s.createdAt],
    );
    this.uow.track(order);
  }

  /** Work orders are changed under their row lock, so the version only moves forward. */
  async save(order: WorkOrder): Promise<void> {
    const s = order.snapshot();
    await this.tx.query(
      `UPDATE service_ticket.work_orders
          SET status = $2, checked_in_at = $3, checked_out_at = $4, parts_used = $5, result = $6, signed_by = $7, signed_at = $8, updated_at = $9, version = $10
        WHERE id = $1`,
      [s.id, s.status, s.checkedInAt, s.checkedOutAt, JSON.stringify(s.partsUsed), s.result, s.signedBy, s.signedAt, s.updatedAt, s.version],
    );
    this.uow.track(order);
  }
}
