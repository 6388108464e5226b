import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { CheckCustomerWorkableQuery, ListCustomerSummariesQuery } from '@crm/contracts/customer';
import { normalizeCompanyName } from '@crm/kernel';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Order } from '../../../domain/order.aggregate.js';
import { OrderErrors } from '../../../domain/order.errors.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { priceLines } from '../../order-pricing.js';
import { CreateOrderCommand } from './create-order.command.js';

@CommandHandler(CreateOrderCommand)
export class CreateOrderHandler implements ICommandHandler<CreateOrderCommand> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly queries: QueryBus,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, input }: CreateOrderCommand): Promise<{ id: string; number: string }> {
    // The Customer context decides whether the caller works this customer; a hidden one answers like a missing one.
    await this.queries.execute(new CheckCustomerWorkableQuery(actor, input.customerId));
    if (input.opportunityId) {
      const known = await this.tx.queryOne(`SELECT 1 FROM contract.order_opportunities WHERE opportunity_id = $1 AND customer_id = $2`, [
        input.opportunityId,
        input.customerId,
      ]);
      if (!known) throw OrderErrors.opportunityMismatch();
    }
    const [customer] = await this.queries.execute(new ListCustomerSummariesQuery({ ids: [input.customerId] }));
    const priced = await priceLines(this.queries, actor, input.priceListId, input.orderDate, input.lines);
    const now = new Date();
    const order = Order.create({
      id: uuidv7(),
      number: await this.orders.nextNumber(now),
      customerId: input.customerId,
      customerName: customer?.name ?? '',
      ownerId: actor.id,
      opportunityId: input.opportunityId,
      contractId: input.contractId,
      priceListId: input.priceListId,
      currency: priced.currency,
      orderDate: input.orderDate,
      lines: priced.lines,
      total: priced.total,
      createdBy: actor.id,
      createdAt: now,
    });
    await this.orders.add(order, normalizeCompanyName(customer?.name ?? ''));
    const state = order.snapshot();
    return { id: state.id, number: state.number };
  }
}
