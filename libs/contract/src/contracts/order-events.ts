import { defineEvent } from '@crm/kernel';

/** A product line of an order as delivery and service see it. */
export interface OrderProductV1 {
  productId: string;
  productLineId: string;
  code: string;
  name: string;
  kind: 'product' | 'gift' | 'bundle';
  quantity: string;
  warrantyMonths: number;
}

interface OrderRefV1 {
  orderId: string;
  number: string;
  customerId: string;
  ownerId: string;
  contractId: string | null;
  opportunityId: string | null;
  currency: string;
}

/** Money moved on an order: `amount` is signed by the event (a reversal carries what it takes back, positive). */
export interface OrderPaymentV1 extends OrderRefV1 {
  paymentId: string;
  amount: string;
  paidOn: string;
  /** `manual`: recorded by finance [回款登记]; `bank`: a bank transaction [到账通知] matched to the order. */
  source: 'manual' | 'bank';
  bankTransactionId: string | null;
  /** The matching rule that reconciled it (`reference-and-amount`, `payer-and-open-amount`, `manual`…). */
  rule: string;
  /** Sum of the order's payments in force after this one. */
  paidTotal: string;
  orderTotal: string;
  paymentStatus: 'unpaid' | 'partially-paid' | 'paid' | 'over-paid';
}

const about = { aggregateType: 'order', customerId: (payload: { customerId: string }) => payload.customerId };

/** Events of orders [订单], payments [回款] and the hand-off [转案], declared once. */
export const OrderEvents = {
  created: defineEvent<OrderRefV1 & { orderDate: string; priceListId: string; total: string; lineCount: number }>('order.created', 1, {
    ...about,
    description: 'An order [订单] was created with lines priced from its price list; the total is computed on the server.',
  }),
  approved: defineEvent<OrderRefV1 & { total: string; approvalRequestId: string }>('order.approved', 1, {
    ...about,
    description: 'The order passed approval [订单审批通过]: its lines and prices are locked.',
  }),
  paymentRecorded: defineEvent<OrderPaymentV1>('order.payment-recorded', 1, {
    ...about,
    description: 'Finance recorded a payment [回款] against the order: collected money, counted by targets.',
  }),
  paymentReconciled: defineEvent<OrderPaymentV1 & { confidence: string }>('order.payment-reconciled', 1, {
    ...about,
    description: 'A bank transaction was matched to the order [银行对账], automatically or by finance: collected money, counted by targets.',
  }),
  paymentReversed: defineEvent<OrderPaymentV1 & { reason: string }>('order.payment-reversed', 1, {
    ...about,
    description: 'Finance undid a match or a recorded payment [撤销对账]: `amount` no longer counts as collected.',
  }),
  reduced: defineEvent<
    OrderRefV1 & {
      reductionId: string;
      reason: string;
      amount: string;
      orderTotal: string;
      paidTotal: string;
      lines: { lineIndex: number; quantity: string; amount: string; remainingQuantity: string }[];
    }
  >('order.reduced', 1, {
    ...about,
    description: "A reduction order [减单 / 退货] was approved: `amount` came off the order total (and off the contract's ordered amount).",
  }),
  handedOff: defineEvent<OrderRefV1 & { handedOffAt: string; handedOffBy: string; total: string; products: OrderProductV1[] }>('order.handed-off', 1, {
    ...about,
    description: 'The order was handed off to delivery [转案] after approval and full reconciliation; products carry their warranty months.',
  }),
};
