import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { ListOrderPaymentsQuery, type PaymentView } from './list-order-payments.query.js';

@QueryHandler(ListOrderPaymentsQuery)
export class ListOrderPaymentsHandler implements IQueryHandler<ListOrderPaymentsQuery> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, orderId }: ListOrderPaymentsQuery): Promise<PaymentView[]> {
    assertCanSeeOrder(actor, await this.orders.get(orderId));
    const rows = await this.tx.query<Omit<PaymentView, 'recordedAt' | 'reversedAt'> & { recordedAt: Date; reversedAt: Date | null }>(
      `SELECT id, amount::text AS amount, paid_on::text AS "paidOn", method, payer, reference, source, bank_transaction_id AS "bankTransactionId",
              rule, confidence::text AS confidence, recorded_by AS "recordedBy", recorded_at AS "recordedAt", reversed_at AS "reversedAt",
              reversal_reason AS "reversalReason"
         FROM contract.order_payments WHERE order_id = $1 ORDER BY recorded_at, id`,
      [orderId],
    );
    return rows.map((row) => ({ ...row, recordedAt: row.recordedAt.toISOString(), reversedAt: row.reversedAt?.toISOString() ?? null }));
  }
}
