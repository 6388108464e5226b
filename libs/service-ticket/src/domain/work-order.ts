import { AggregateRoot } from '@crm/kernel';
import { TicketEvents, type TicketRefV1 } from '../contracts/events.js';
import { TicketErrors } from './ticket.errors.js';

export const WORK_ORDER_STATUSES = ['scheduled', 'checked-in', 'checked-out', 'signed-off'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export interface PartUsed {
  name: string;
  quantity: number;
}

export interface WorkOrderState {
  id: string;
  ticket: TicketRefV1;
  address: string;
  appointmentStart: Date;
  appointmentEnd: Date;
  technicianId: string;
  status: WorkOrderStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  partsUsed: PartUsed[];
  result: string | null;
  signedBy: string | null;
  signedAt: Date | null;
  notes: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * A field work order [现场工单]: a ticket's child for an on-site technician. Scheduled at an
 * address in an appointment window, then checked in [签到], checked out [签退] with the result and
 * the parts used, and signed off by the customer [客户签字确认], in that order.
 */
export class WorkOrder extends AggregateRoot {
  private constructor(private readonly state: WorkOrderState) {
    super();
  }

  static rehydrate(state: WorkOrderState): WorkOrder {
    return new WorkOrder(state);
  }

  static schedule(
    input: Pick<WorkOrderState, 'id' | 'ticket' | 'address' | 'appointmentStart' | 'appointmentEnd' | 'technicianId' | 'notes' | 'createdBy' | 'createdAt'>,
  ): WorkOrder {
    if (input.appointmentEnd.getTime() <= input.appointmentStart.getTime()) throw TicketErrors.invalidAppointment();
    const order = new WorkOrder({
      ...input,
      status: 'scheduled',
      checkedInAt: null,
      checkedOutAt: null,
      partsUsed: [],
      result: null,
      signedBy: null,
      signedAt: null,
      updatedAt: input.createdAt,
      version: 1,
    });
    order.raise(
      TicketEvents.workOrderScheduled.create(input.ticket.ticketId, {
        ...order.ref,
        appointmentStart: input.appointmentStart.toISOString(),
        appointmentEnd: input.appointmentEnd.toISOString(),
      }),
    );
    return order;
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  snapshot(): Readonly<WorkOrderState> {
    return this.state;
  }

  private get ref() {
    return { ...this.state.ticket, workOrderId: this.state.id, technicianId: this.state.technicianId, status: this.state.status };
  }

  checkIn(now: Date): void {
    this.move('scheduled', 'checked-in', 'checked in', now);
    this.state.checkedInAt = now;
    this.raise(TicketEvents.workOrderCheckedIn.create(this.state.ticket.ticketId, { ...this.ref, at: now.toISOString() }));
  }

  checkOut(result: string, partsUsed: PartUsed[], now: Date): void {
    this.move('checked-in', 'checked-out', 'checked out', now);
    this.state.checkedOutAt = now;
    this.state.result = result;
    this.state.partsUsed = partsUsed;
    this.raise(TicketEvents.workOrderCheckedOut.create(this.state.ticket.ticketId, { ...this.ref, at: now.toISOString(), result, partsUsed }));
  }

  signOff(signedBy: string, now: Date): void {
    this.move('checked-out', 'signed-off', 'signed off', now);
    this.state.signedBy = signedBy;
    this.state.signedAt = now;
    this.raise(TicketEvents.workOrderSignedOff.create(this.state.ticket.ticketId, { ...this.ref, signedBy, at: now.toISOString() }));
  }

  private move(from: WorkOrderStatus, to: WorkOrderStatus, action: string, now: Date): void {
    if (this.state.status !== from) throw TicketErrors.workOrderState(this.state.status, action);
    this.state.status = to;
    this.state.updatedAt = now;
    this.state.version += 1;
  }
}
