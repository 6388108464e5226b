import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { UnitOfWork } from '@crm/platform';
import { OrderEvents } from '../../../contracts/order-events.js';
import { planReduction, ReductionErrors } from '../../../domain/order-reduction.js';
import { OrderReductionStore } from '../../../infrastructure/order-reduction.store.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { SettleOrderReductionCommand } from './settle-order-reduction.command.js';

@CommandHandler(SettleOrderReductionCommand)
export class SettleOrderReductionHandler implements ICommandHandler<SettleOrderReductionCommand> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly reductions: OrderReductionStore,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ reductionId, approvalRequestId, outcome }: SettleOrderReductionCommand): Promise<void> {
    const reduction = await this.reductions.find(reductionId);
    // An outcome about another request, or one delivered again, changes nothing.
    if (!reduction || reduction.status !== 'in-approval' || reduction.approvalRequestId !== approvalRequestId) return;
    const now = new Date();
    if (outcome !== 'granted') return this.reductions.decide(reductionId, outcome, null, now);
    const order = (await this.orders.get(reduction.orderId, { lock: 'update' }))!;
    const again = await this.reductions.find(reductionId, { lock: true });
    if (again?.status !== 'in-approval') return;
    const state = order.snapshot();
    // Checked again under the order's lock: a payment since the request may leave less room than it had.
    let plan;
    try {
      if (state.status !== 'approved') throw ReductionErrors.notReducible(state.status);
      plan = planReduction(
        await this.reductions.lines(reduction.orderId),
        reduction.lines.map(({ lineIndex, quantity }) => ({ lineIndex, quantity })),
        { total: state.total, paid: state.paid },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.reductions.decide(reductionId, 'lapsed', error.code, now);
    }
    await this.reductions.apply(reduction.orderId, plan.lines, plan.amount);
    await this.reductions.decide(reductionId, 'approved', null, now);
    this.uow.raise(
      OrderEvents.reduced.create(state.id, {
        orderId: state.id,
        number: state.number,
        customerId: state.customerId,
        ownerId: state.ownerId,
        contractId: state.contractId,
        opportunityId: state.opportunityId,
        currency: state.currency,
        reductionId,
        reason: reduction.reason,
        amount: plan.amount,
        orderTotal: plan.newTotal,
        paidTotal: state.paid,
        lines: plan.lines,
      }),
    );
  }
}
