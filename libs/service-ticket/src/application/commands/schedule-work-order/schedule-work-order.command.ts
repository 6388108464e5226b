import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface WorkOrderInput {
  address: string;
  appointmentStart: Date;
  appointmentEnd: Date;
  technicianId: string;
  notes: string | null;
}

/** Schedules a field work order [现场工单] on an open ticket for a technician, at an address and time window. */
export class ScheduleWorkOrderCommand extends Command<{ workOrderId: string }> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly input: WorkOrderInput,
  ) {
    super();
  }
}
