import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { PartUsed, WorkOrderStatus } from '../../../domain/work-order.js';

export interface WorkOrderView {
  id: string;
  ticketId: string;
  address: string;
  appointmentStart: string;
  appointmentEnd: string;
  technicianId: string;
  status: WorkOrderStatus;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  partsUsed: PartUsed[];
  result: string | null;
  signedBy: string | null;
  signedAt: string | null;
  notes: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}

/** A ticket's field work orders [现场工单], oldest first; or one of them with `workOrderId`. */
export class ListWorkOrdersQuery extends Query<Page<WorkOrderView>> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly workOrderId?: string,
  ) {
    super();
  }
}
