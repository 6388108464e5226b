import { Inject, Injectable } from '@nestjs/common';
import { zonedTime } from '@crm/kernel';
import { APP_CONFIG, TransactionHost, UnitOfWork, type AppConfig } from '@crm/platform';
import type { OrderLine } from '../domain/order-lines.js';
import { Order, type NewPayment, type OrderState } from '../domain/order.aggregate.js';

interface OrderRow extends Omit<OrderState, 'lines'> {
  lines: (Omit<OrderLine, 'quantity'> & { quantity: string })[];
}

/** Trailing zeros off a numeric(18,4) quantity: "2.5000" → "2.5". */
export function trimQuantity(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/0+$/, '').replace(/\.$/, '') : quantity;
}

export const ORDER_LINES_JSON = `
  COALESCE((SELECT json_agg(json_build_object(
      'productId', l.product_id, 'productLineId', l.product_line_id, 'code', l.code, 'name', l.name, 'unit', l.unit,
      'warrantyMonths', l.warranty_months, 'kind', l.kind, 'parentIndex', l.parent_position, 'quantity', l.quantity::text,
      'unitPrice', l.unit_price::text, 'discountPercent', l.discount_percent::text, 'amount', l.amount::text, 'priceSource', l.price_source,
      'reducedQuantity', trim_scale(l.reduced_quantity)::text, 'reducedAmount', l.reduced_amount::text)
      ORDER BY l.position)
    FROM contract.order_lines l WHERE l.order_id = o.id), '[]'::json)`;

/** `order_date` as text, so no time zone shifts a date. */
export const ORDER_COLUMNS = `o.id, o.number, o.customer_id AS "customerId", o.customer_name AS "customerName", o.owner_id AS "ownerId",
  o.opportunity_id AS "opportunityId", o.contract_id AS "contractId", o.price_list_id AS "priceListId", o.currency,
  o.order_date::text AS "orderDate", o.status, o.approval_request_id AS "approvalRequestId", o.total::text AS total, o.paid::text AS paid,
  o.handed_off_at AS "handedOffAt", o.created_by AS "createdBy", o.created_at AS "createdAt", o.version`;

export function toOrderState(row: OrderRow): OrderState {
  return { ...row, lines: row.lines.map((line) => ({ ...line, quantity: trimQuantity(line.quantity) })) };
}

/** Order aggregates in contract.orders with their lines; payments in contract.order_payments. */
@Injectable()
export class OrderRepository {
  private readonly loaded = new WeakMap<Order, OrderState>();

  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A fresh order number [订单号]: SO, the date in the company time zone (CRM_TIMEZONE), a sequence (unique; gaps are harmless). */
  async nextNumber(now: Date): Promise<string> {
    const [row] = await this.tx.query<{ seq: string }>(`SELECT nextval('contract.order_number_seq')::text AS seq`);
    return `SO${zonedTime(now, this.config.timeZone).date.replaceAll('-', '')}${row!.seq.padStart(6, '0')}`;
  }

  /** Loads an order; `update` holds its row until commit, so payments and matches on it queue up instead of racing. */
  async get(id: string, options: { lock?: 'update' } = {}): Promise<Order | undefined> {
    if (options.lock && !(await this.tx.queryOne(`SELECT 1 FROM contract.orders WHERE id = $1 FOR UPDATE`, [id]))) return undefined;
    const row = await this.tx.queryOne<OrderRow>(`SELECT ${ORDER_COLUMNS}, ${ORDER_LINES_JSON} AS lines FROM contract.orders o WHERE o.id = $1`, [id]);
    if (!row) return undefined;
    const order = Order.rehydrate(toOrderState(row));
    this.loaded.set(order, order.snapshot());
    return order;
  }

  async add(order: Order, payerKey: string): Promise<void> {
    const s = order.snapshot();
    await this.tx.execute(
      `INSERT INTO contract.orders (id, number, customer_id, customer_name, payer_key, owner_id, opportunity_id, contract_id, price_list_id, currency,
          order_date, status, approval_request_id, total, paid, handed_off_at, created_by, created_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [
        s.id,
        s.number,
        s.customerId,
        s.customerName,
        payerKey,
        s.ownerId,
        s.opportunityId,
        s.contractId,
        s.priceListId,
        s.currency,
        s.orderDate,
        s.status,
        s.approvalRequestId,
        s.total,
        s.paid,
        s.handedOffAt,
        s.createdBy,
        s.createdAt,
        s.version,
      ],
    );
    await this.insertLines(s.id, s.lines);
    this.loaded.set(order, s);
    this.uow.track(order);
  }

  /** Writes the order if nobody saved another version since it was loaded; false otherwise. */
  async save(order: Order): Promise<boolean> {
    const before = this.loaded.get(order);
    if (!before) throw new Error('Save an order loaded through this repository.');
    const s = order.snapshot();
    const result = await this.tx.execute(
      `UPDATE contract.orders SET status = $3, approval_request_id = $4, total = $5, paid = $6, handed_off_at = $7, price_list_id = $8,
          order_date = $9, contract_id = $10, version = version + 1
        WHERE id = $1 AND version = $2`,
      [s.id, before.version, s.status, s.approvalRequestId, s.total, s.paid, s.handedOffAt, s.priceListId, s.orderDate, s.contractId],
    );
    if (result.rowCount !== 1) return false;
    if (s.lines !== before.lines && JSON.stringify(s.lines) !== JSON.stringify(before.lines)) {
      await this.tx.execute(`DELETE FROM contract.order_lines WHERE order_id = $1`, [s.id]);
      await this.insertLines(s.id, s.lines);
    }
    const saved = Order.rehydrate({ ...s, version: before.version + 1 });
    this.loaded.set(order, saved.snapshot());
    this.uow.track(order);
    return true;
  }

  async currentVersion(id: string): Promise<number | undefined> {
    return (await this.tx.queryOne<{ version: number }>(`SELECT version FROM contract.orders WHERE id = $1`, [id]))?.version;
  }

  async insertPayment(orderId: string, payment: NewPayment, now: Date): Promise<void> {
    await this.tx.execute(
      `INSERT INTO contract.order_payments (id, order_id, amount, paid_on, method, payer, reference, source, bank_transaction_id, rule, confidence, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        payment.id,
        orderId,
        payment.amount,
        payment.paidOn,
        payment.method,
        payment.payer,
        payment.reference,
        payment.source,
        payment.bankTransactionId,
        payment.rule,
        payment.confidence,
        payment.recordedBy,
        now,
      ],
    );
  }

  findPayment(orderId: string, paymentId: string): Promise<(NewPayment & { reversedAt: Date | null }) | undefined> {
    return this.tx.queryOne(
      `SELECT id, amount::text AS amount, paid_on::text AS "paidOn", method, payer, reference, source, bank_transaction_id AS "bankTransactionId",
              rule, confidence::text AS confidence, recorded_by AS "recordedBy", reversed_at AS "reversedAt"
         FROM contract.order_payments WHERE order_id = $1 AND id = $2`,
      [orderId, paymentId],
    );
  }

  async markReversed(paymentId: string, by: string, reason: string, now: Date): Promise<void> {
    await this.tx.execute(`UPDATE contract.order_payments SET reversed_at = $2, reversed_by = $3, reversal_reason = $4 WHERE id = $1`, [
      paymentId,
      now,
      by,
      reason,
    ]);
  }

  /** Bank transactions proposed for the order and not yet confirmed or refused by finance. */
  async pendingProposals(orderId: string): Promise<number> {
    const row = await this.tx.queryOne<{ count: number }>(
      `SELECT count(*)::int AS count FROM contract.bank_transactions WHERE order_id = $1 AND status = 'proposed'`,
      [orderId],
    );
    return row?.count ?? 0;
  }

  private async insertLines(orderId: string, lines: readonly OrderLine[]): Promise<void> {
    if (lines.length === 0) return;
    // One statement for every line: a 100-line order is one round trip.
    await this.tx.execute(
      `INSERT INTO contract.order_lines (order_id, position, product_id, product_line_id, code, name, unit, warranty_months, kind, parent_position,
          quantity, unit_price, discount_percent, amount, price_source)
       SELECT $1, l.position, l.product_id, l.product_line_id, l.code, l.name, l.unit, l.warranty_months, l.kind, l.parent_position,
              l.quantity, l.unit_price, l.discount_percent, l.amount, l.price_source
         FROM jsonb_to_recordset($2::jsonb) AS l(position int, product_id uuid, product_line_id uuid, code text, name text, unit text, warranty_months int,
              kind text, parent_position int, quantity numeric, unit_price numeric, discount_percent numeric, amount numeric, price_source jsonb)`,
      [
        orderId,
        JSON.stringify(
          lines.map((line, position) => ({
            position,
            product_id: line.productId,
            product_line_id: line.productLineId,
            code: line.code,
            name: line.name,
            unit: line.unit,
            warranty_months: line.warrantyMonths,
            kind: line.kind,
            parent_position: line.parentIndex,
            quantity: line.quantity,
            unit_price: line.unitPrice,
            discount_percent: line.discountPercent,
            amount: line.amount,
            price_source: line.priceSource,
          })),
        ),
      ],
    );
  }
}
