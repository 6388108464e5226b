import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { priceLines } from '../../order-pricing.js';
import { OrderErrors } from '../../../domain/order.errors.js';
import { ReplaceOrderLinesCommand } from './replace-order-lines.command.js';

@CommandHandler(ReplaceOrderLinesCommand)
export class ReplaceOrderLinesHandler implements ICommandHandler<ReplaceOrderLinesCommand> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, orderId, input, ifMatch }: ReplaceOrderLinesCommand): Promise<{ version: number }> {
    const order = await this.orders.get(orderId);
    assertCanSeeOrder(actor, order);
    const state = order.snapshot();
    assertIfMatch('order', ifMatch, state.version);
    // Checked before pricing, so a locked order answers 409 whatever the new lines are.
    if (state.status !== 'draft' && state.status !== 'rejected') throw OrderErrors.locked(state.status);
    const priceListId = input.priceListId ?? state.priceListId;
    const orderDate = input.orderDate ?? state.orderDate;
    const priced = await priceLines(this.queries, actor, priceListId, orderDate, input.lines);
    if (priced.currency !== state.currency) throw OrderErrors.currencyMismatch();
    order.replaceLines(priced.lines, priced.total, priceListId, orderDate);
    await assertSaved(await this.orders.save(order), 'order', ifMatch, () => this.orders.currentVersion(orderId));
    return { version: state.version + 1 };
  }
}
