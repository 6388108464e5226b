import type { OrderLine } from '../../domain/order-lines.js';
import type { OrderState, OrderStatus } from '../../domain/order.aggregate.js';
import { paymentStatusOf, type PaymentStatus } from '../../domain/order-money.js';
import Big from 'big.js';

/** A line as shown: what was ordered, what approved reductions [减单] took off, and what remains. */
export interface OrderLineView extends OrderLine {
  reducedQuantity: string;
  reducedAmount: string;
  remainingQuantity: string;
  remainingAmount: string;
}

export interface OrderView {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  ownerId: string;
  opportunityId: string | null;
  contractId: string | null;
  priceListId: string;
  currency: string;
  orderDate: string;
  status: OrderStatus;
  approvalRequestId: string | null;
  lines: OrderLineView[];
  total: string;
  paid: string;
  openAmount: string;
  paymentStatus: PaymentStatus;
  handedOffAt: string | null;
  createdAt: string;
  version: number;
}

export function toOrderView(state: OrderState): OrderView {
  const open = new Big(state.total).minus(state.paid);
  return {
    id: state.id,
    number: state.number,
    customerId: state.customerId,
    customerName: state.customerName,
    ownerId: state.ownerId,
    opportunityId: state.opportunityId,
    contractId: state.contractId,
    priceListId: state.priceListId,
    currency: state.currency,
    orderDate: state.orderDate,
    status: state.status,
    approvalRequestId: state.approvalRequestId,
    lines: state.lines.map(lineView),
    total: state.total,
    paid: state.paid,
    openAmount: (open.lt(0) ? new Big(0) : open).toFixed(2),
    paymentStatus: paymentStatusOf(state.total, state.paid),
    handedOffAt: state.handedOffAt ? new Date(state.handedOffAt).toISOString() : null,
    createdAt: new Date(state.createdAt).toISOString(),
    version: state.version,
  };
}

function lineView(line: OrderLine): OrderLineView {
  const reducedQuantity = line.reducedQuantity ?? '0';
  const reducedAmount = line.reducedAmount ?? '0.00';
  return {
    ...line,
    reducedQuantity,
    reducedAmount,
    remainingQuantity: new Big(line.quantity).minus(reducedQuantity).toString(),
    remainingAmount: new Big(line.amount).minus(reducedAmount).toFixed(2),
  };
}
