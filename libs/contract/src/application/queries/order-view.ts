import type { OrderLine } from '../../domain/order-lines.js';
import type { OrderState, OrderStatus } from '../../domain/order.aggregate.js';
import { paymentStatusOf, type PaymentStatus } from '../../domain/order-money.js';
import Big from 'big.js';

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
  lines: OrderLine[];
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
    lines: state.lines,
    total: state.total,
    paid: state.paid,
    openAmount: (open.lt(0) ? new Big(0) : open).toFixed(2),
    paymentStatus: paymentStatusOf(state.total, state.paid),
    handedOffAt: state.handedOffAt ? new Date(state.handedOffAt).toISOString() : null,
    createdAt: new Date(state.createdAt).toISOString(),
    version: state.version,
  };
}
