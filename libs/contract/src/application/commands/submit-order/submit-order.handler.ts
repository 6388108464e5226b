import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RequestApprovalCommand } from '@crm/contracts/approval';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { ORDER_SUBJECT, SubmitOrderCommand } from './submit-order.command.js';
import { OrderErrors } from '../../../domain/order.errors.js';

@CommandHandler(SubmitOrderCommand)
export class SubmitOrderHandler implements ICommandHandler<SubmitOrderCommand> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute({ actor, orderId, ifMatch }: SubmitOrderCommand): Promise<{ approvalRequestId: string; approverIds: string[] }> {
    const order = await this.orders.get(orderId, { lock: 'update' });
    assertCanSeeOrder(actor, order);
    const state = order.snapshot();
    assertIfMatch('order', ifMatch, state.version);
    if (state.status !== 'draft' && state.status !== 'rejected') throw OrderErrors.illegalTransition(state.status, 'submit');
    const { requestId, approverIds } = await this.commands.execute(
      new RequestApprovalCommand({
        subjectType: ORDER_SUBJECT,
        // Each submission is a request of its own; the order remembers the current one and ignores outcomes of older ones.
        subjectId: orderId,
        applicantId: actor.id,
        title: `订单审批 / Order ${state.number} (${state.total} ${state.currency})`,
        customerId: state.customerId,
        facts: {
          amount: state.total,
          currency: state.currency,
          manualPrices: state.lines.some((line) => line.priceSource.kind === 'manual'),
        },
        context: { orderId, number: state.number, customerId: state.customerId, total: state.total, currency: state.currency },
      }),
    );
    order.submit(requestId);
    await assertSaved(await this.orders.save(order), 'order', ifMatch, () => this.orders.currentVersion(orderId));
    return { approvalRequestId: requestId, approverIds };
  }
}
