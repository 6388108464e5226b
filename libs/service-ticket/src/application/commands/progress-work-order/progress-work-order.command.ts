import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { PartUsed, WorkOrderStatus } from '../../../domain/work-order.js';

export type WorkOrderStep = { action: 'check-in' } | { action: 'check-out'; result: string; partsUsed: PartUsed[] } | { action: 'sign-off'; signedBy: string };

/** The technician's steps on site: check in [签到], check out [签退] with result and parts, the customer's sign-off [签字确认]. */
export class ProgressWorkOrderCommand extends Command<{ status: WorkOrderStatus; version: number }> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly workOrderId: string,
    readonly step: WorkOrderStep,
  ) {
    super();
  }
}
