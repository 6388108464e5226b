import { AggregateRoot } from '@crm/kernel';
import Big from 'big.js';
import { OrderEvents, type OrderPaymentV1 } from '../contracts/order-events.js';
import type { OrderLine } from './order-lines.js';
import { money, paymentStatusOf, type PaymentStatus } from './order-money.js';
import { OrderErrors, type HandOffBlocker } from './order.errors.js';

/** draft → in-approval → approved → handed-off; a rejected order is edited and submitted again; a recalled one is a draft again. */
export type OrderStatus = 'draft' | 'in-approval' | 'approved' | 'rejected' | 'handed-off';

export interface OrderState {
  id: string;
  number: string;
  customerId: string;
  /** The customer's name at creation: bank transactions are matched on it (normalised) [付款方]. */
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
  /** Sum of the payments in force (recorded, or bank transactions matched), never reversed ones. */
  paid: string;
  handedOffAt: Date | null;
  createdBy: string;
  createdAt: Date;
  version: number;
}

export interface NewPayment {
  id: string;
  amount: string;
  paidOn: string;
  method: string;
  payer: string;
  reference: string | null;
  source: 'manual' | 'bank';
  bankTransactionId: string | null;
  rule: string;
  confidence: string;
  recordedBy: string | null;
}

const EDITABLE: OrderStatus[] = ['draft', 'rejected'];

export class Order extends AggregateRoot {
  private constructor(private state: OrderState) {
    super();
  }

  static create(input: Omit<OrderState, 'status' | 'approvalRequestId' | 'paid' | 'handedOffAt' | 'version'>): Order {
    const order = new Order({ ...input, status: 'draft', approvalRequestId: null, paid: '0.00', handedOffAt: null, version: 1 });
    order.raise(
      OrderEvents.created.create(input.id, {
        ...order.ref(),
        orderDate: input.orderDate,
        priceListId: input.priceListId,
        total: input.total,
        lineCount: input.lines.length,
      }),
    );
    return order;
  }

  static rehydrate(state: OrderState): Order {
    return new Order(state);
  }

  get id(): string {
    return this.state.id;
  }

  get ownerId(): string {
    return this.state.ownerId;
  }

  snapshot(): OrderState {
    return { ...this.state, lines: [...this.state.lines] };
  }

  get paymentStatus(): PaymentStatus {
    return paymentStatusOf(this.state.total, this.state.paid);
  }

  get openAmount(): string {
    const open = new Big(this.state.total).minus(this.state.paid);
    return money(open.lt(0) ? '0' : open);
  }

  /** New lines and prices, only while the order is a draft or was rejected: approval locks them. */
  replaceLines(lines: OrderLine[], total: string, priceListId: string, orderDate: string): void {
    if (!EDITABLE.includes(this.state.status)) throw OrderErrors.locked(this.state.status);
    this.state = { ...this.state, lines, total, priceListId, orderDate };
  }

  /** Submits for approval [提交审批] under the request the Approval context opened. */
  submit(approvalRequestId: string): void {
    if (!EDITABLE.includes(this.state.status)) throw OrderErrors.illegalTransition(this.state.status, 'submit');
    this.state = { ...this.state, status: 'in-approval', approvalRequestId };
  }

  /** Whether an approval outcome is about this order's current request (an old one is ignored). */
  awaits(approvalRequestId: string): boolean {
    return this.state.status === 'in-approval' && this.state.approvalRequestId === approvalRequestId;
  }

  approve(): void {
    if (this.state.status !== 'in-approval') throw OrderErrors.illegalTransition(this.state.status, 'approve');
    this.state = { ...this.state, status: 'approved' };
    this.raise(OrderEvents.approved.create(this.id, { ...this.ref(), total: this.state.total, approvalRequestId: this.state.approvalRequestId! }));
  }

  /** Rejected: editable and submittable again. Recalled by the applicant: a draft again. */
  closeApproval(outcome: 'rejected' | 'recalled'): void {
    if (this.state.status !== 'in-approval') throw OrderErrors.illegalTransition(this.state.status, outcome === 'rejected' ? 'reject' : 'recall');
    this.state = { ...this.state, status: outcome === 'rejected' ? 'rejected' : 'draft' };
  }

  /**
   * A payment in force [回款]: recorded by finance or a matched bank transaction. It never takes the
   * order past its total unless over-payment is confirmed explicitly (a manual decision), so
   * automatic matches and concurrent recordings never over-reconcile.
   */
  addPayment(payment: NewPayment, options: { allowOverpayment: boolean }): void {
    if (new Big(payment.amount).lte(0)) throw OrderErrors.amountNotPositive();
    const paid = new Big(this.state.paid).plus(payment.amount);
    if (paid.gt(this.state.total) && !options.allowOverpayment) throw OrderErrors.exceedsOpenAmount(this.openAmount);
    this.state = { ...this.state, paid: money(paid) };
    const payload = this.paymentPayload(payment.id, payment.amount, payment.paidOn, payment.source, payment.bankTransactionId, payment.rule);
    if (payment.source === 'bank') {
      this.raise(OrderEvents.paymentReconciled.create(this.id, { ...payload, confidence: payment.confidence }));
    } else {
      this.raise(OrderEvents.paymentRecorded.create(this.id, payload));
    }
  }

  /** Takes a payment back [撤销]: an undone bank match or a wrongly recorded payment. */
  reversePayment(payment: Omit<NewPayment, 'confidence' | 'method' | 'payer' | 'reference' | 'recordedBy'>, reason: string): void {
    this.state = { ...this.state, paid: money(new Big(this.state.paid).minus(payment.amount)) };
    this.raise(
      OrderEvents.paymentReversed.create(this.id, {
        ...this.paymentPayload(payment.id, payment.amount, payment.paidOn, payment.source, payment.bankTransactionId, payment.rule),
        reason,
      }),
    );
  }

  /** Everything that still blocks the hand-off [转案], all at once (seed 001: the system checks, not people). */
  handOffBlockers(pendingProposals: number): HandOffBlocker[] {
    const reasons: HandOffBlocker[] = [];
    if (this.state.status !== 'approved') {
      reasons.push({ code: 'ORDER.NOT_APPROVED', message: 'The order is not approved.', orderStatus: this.state.status });
    }
    const status = this.paymentStatus;
    if (status === 'unpaid' || status === 'partially-paid') {
      reasons.push({
        code: 'ORDER.NOT_FULLY_PAID',
        message: 'Payments do not cover the total yet.',
        total: this.state.total,
        paid: this.state.paid,
        openAmount: this.openAmount,
      });
    }
    if (status === 'over-paid') {
      reasons.push({
        code: 'ORDER.OVER_PAID',
        message: 'More was received than the total; refund or correct first.',
        total: this.state.total,
        paid: this.state.paid,
      });
    }
    if (pendingProposals > 0) {
      reasons.push({ code: 'ORDER.PROPOSED_MATCH_PENDING', message: 'Bank transactions proposed for this order await finance.', proposals: pendingProposals });
    }
    return reasons;
  }

  /** Hands the order off to delivery; refused with every blocking reason. */
  handOff(by: string, now: Date, pendingProposals: number): void {
    if (this.state.status === 'handed-off') throw OrderErrors.alreadyHandedOff();
    const reasons = this.handOffBlockers(pendingProposals);
    if (reasons.length) throw OrderErrors.handOffBlocked(reasons);
    this.state = { ...this.state, status: 'handed-off', handedOffAt: now };
    this.raise(
      OrderEvents.handedOff.create(this.id, {
        ...this.ref(),
        handedOffAt: now.toISOString(),
        handedOffBy: by,
        total: this.state.total,
        products: this.state.lines.map((line) => ({
          productId: line.productId,
          productLineId: line.productLineId,
          code: line.code,
          name: line.name,
          kind: line.kind,
          quantity: line.quantity,
          warrantyMonths: line.warrantyMonths,
        })),
      }),
    );
  }

  private ref() {
    const { id, number, customerId, ownerId, contractId, opportunityId, currency } = this.state;
    return { orderId: id, number, customerId, ownerId, contractId, opportunityId, currency };
  }

  private paymentPayload(
    paymentId: string,
    amount: string,
    paidOn: string,
    source: 'manual' | 'bank',
    bankTransactionId: string | null,
    rule: string,
  ): OrderPaymentV1 {
    return {
      ...this.ref(),
      paymentId,
      amount: money(amount),
      paidOn,
      source,
      bankTransactionId,
      rule,
      paidTotal: this.state.paid,
      orderTotal: this.state.total,
      paymentStatus: this.paymentStatus,
    };
  }
}
