import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import type { WorkOrderStatus } from '../../../domain/work-order.js';
import { WorkOrderRepository } from '../../../infrastructure/work-order.repository.js';
import { TicketReader } from '../../queries/ticket-reader.js';
import { ProgressWorkOrderCommand } from './progress-work-order.command.js';

@CommandHandler(ProgressWorkOrderCommand)
export class ProgressWorkOrderHandler implements ICommandHandler<ProgressWorkOrderCommand> {
  constructor(
    private readonly reader: TicketReader,
    private readonly orders: WorkOrderRepository,
  ) {}

  async execute({ actor, ticketId, workOrderId, step }: ProgressWorkOrderCommand): Promise<{ status: WorkOrderStatus; version: number }> {
    await this.reader.assertVisible({ kind: 'staff', actor }, ticketId);
    const order = await this.orders.lock(ticketId, workOrderId);
    if (!order) throw TicketErrors.workOrderNotFound();
    const now = new Date();
    if (step.action === 'check-in') order.checkIn(now);
    else if (step.action === 'check-out') order.checkOut(step.result, step.partsUsed, now);
    else order.signOff(step.signedBy, now);
    await this.orders.save(order);
    return { status: order.snapshot().status, version: order.version };
  }
}
