import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { v7 as uuidv7 } from 'uuid';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { WorkOrder } from '../../../domain/work-order.js';
import { WorkOrderRepository } from '../../../infrastructure/work-order.repository.js';
import { TicketLoader } from '../../ticket-loader.js';
import { ScheduleWorkOrderCommand } from './schedule-work-order.command.js';

@CommandHandler(ScheduleWorkOrderCommand)
export class ScheduleWorkOrderHandler implements ICommandHandler<ScheduleWorkOrderCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly orders: WorkOrderRepository,
    private readonly directory: UserDirectory,
  ) {}

  async execute({ actor, ticketId, input }: ScheduleWorkOrderCommand): Promise<{ workOrderId: string }> {
    const ticket = await this.loader.lockVisible({ kind: 'staff', actor }, ticketId);
    ticket.assertHandling('given a field work order');
    if (!(await this.directory.isActiveUser(input.technicianId))) throw TicketErrors.handlerNotActive();
    const { number, customerId } = ticket.snapshot();
    const order = WorkOrder.schedule({ id: uuidv7(), ticket: { ticketId, number, customerId }, ...input, createdBy: actor.id, createdAt: new Date() });
    await this.orders.add(order);
    return { workOrderId: order.id };
  }
}
