import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RequestApprovalCommand } from '@crm/contracts/approval';
import { v7 as uuidv7 } from 'uuid';
import { planReduction, ReductionErrors } from '../../../domain/order-reduction.js';
import { OrderReductionStore } from '../../../infrastructure/order-reduction.store.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { ORDER_REDUCTION_SUBJECT, RequestOrderReductionCommand } from './request-order-reduction.command.js';

@CommandHandler(RequestOrderReductionCommand)
export class RequestOrderReductionHandler implements ICommandHandler<RequestOrderReductionCommand> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly reductions: OrderReductionStore,
    private readonly commands: CommandBus,
  ) {}

  async execute({ actor, orderId, input }: RequestOrderReductionCommand): Promise<{ id: string }> {
    // The order's row lock: payments and reductions of one order are taken one after the other.
    const order = await this.orders.get(orderId, { lock: 'update' });
    assertCanSeeOrder(actor, order);
    const state = order.snapshot();
    if (state.status !== 'approved') throw ReductionErrors.notReducible(state.status);
    if (await this.reductions.hasPending(orderId)) throw ReductionErrors.pending();
    const plan = planReduction(await this.reductions.lines(orderId), input.lines, { total: state.total, paid: state.paid });
    const id = uuidv7();
    const { requestId } = await this.commands.execute(
      new RequestApprovalCommand({
        subjectType: ORDER_REDUCTION_SUBJECT,
        subjectId: id,
        applicantId: actor.id,
        title: `减单审批 / Reduction of order ${state.number} (−${plan.amount} ${state.currency})`,
        customerId: state.customerId,
        facts: { amount: plan.amount, currency: state.currency },
        context: { orderId, reductionId: id, number: state.number, amount: plan.amount, newTotal: plan.newTotal, currency: state.currency },
      }),
    );
    await this.reductions.insert({
      id,
      orderId,
      status: 'in-approval',
      reason: input.reason.trim(),
      amount: plan.amount,
      lines: plan.lines,
      approvalRequestId: requestId,
      createdBy: actor.id,
      createdAt: new Date(),
    });
    return { id };
  }
}
