import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { ReducibleLine, ReductionLine } from '../domain/order-reduction.js';

export type ReductionStatus = 'in-approval' | 'approved' | 'rejected' | 'recalled' | 'lapsed';

export interface ReductionRecord {
  id: string;
  orderId: string;
  status: ReductionStatus;
  reason: string;
  amount: string;
  lines: ReductionLine[];
  approvalRequestId: string | null;
  lapseCode: string | null;
  createdBy: string;
  createdAt: Date;
  decidedAt: Date | null;
}

const COLUMNS = `id, order_id AS "orderId", status, reason, amount::text AS amount, lines, approval_request_id AS "approvalRequestId",
  lapse_code AS "lapseCode", created_by AS "createdBy", created_at AS "createdAt", decided_at AS "decidedAt"`;

/** Reduction orders [减单] and what they took back from order lines; SQL in the caller's transaction. */
@Injectable()
export class OrderReductionStore {
  constructor(private readonly tx: TransactionHost) {}

  /** The order's lines with what was taken back so far (call with the order row locked). */
  lines(orderId: string): Promise<ReducibleLine[]> {
    return this.tx.query<ReducibleLine>(
      `SELECT position AS "lineIndex", trim_scale(quantity)::text AS quantity, unit_price::text AS "unitPrice", discount_percent::text AS "discountPercent",
              amount::text AS amount, trim_scale(reduced_quantity)::text AS "reducedQuantity", reduced_amount::text AS "reducedAmount"
         FROM contract.order_lines WHERE order_id = $1 ORDER BY position`,
      [orderId],
    );
  }

  async hasPending(orderId: string): Promise<boolean> {
    return (await this.tx.queryOne(`SELECT 1 FROM contract.order_reductions WHERE order_id = $1 AND status = 'in-approval'`, [orderId])) !== undefined;
  }

  async insert(record: Omit<ReductionRecord, 'decidedAt' | 'lapseCode'>): Promise<void> {
    await this.tx.query(
      `INSERT INTO contract.order_reductions (id, order_id, status, reason, amount, lines, approval_request_id, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        record.id,
        record.orderId,
        record.status,
        record.reason,
        record.amount,
        JSON.stringify(record.lines),
        record.approvalRequestId,
        record.createdBy,
        record.createdAt,
      ],
    );
  }

  find(id: string, options: { lock?: boolean } = {}): Promise<ReductionRecord | undefined> {
    return this.tx.queryOne<ReductionRecord>(`SELECT ${COLUMNS} FROM contract.order_reductions WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  }

  list(orderId: string): Promise<ReductionRecord[]> {
    return this.tx.query<ReductionRecord>(`SELECT ${COLUMNS} FROM contract.order_reductions WHERE order_id = $1 ORDER BY id`, [orderId]);
  }

  async decide(id: string, status: Exclude<ReductionStatus, 'in-approval'>, lapseCode: string | null, now: Date): Promise<void> {
    await this.tx.query(`UPDATE contract.order_reductions SET status = $2, lapse_code = $3, decided_at = $4 WHERE id = $1`, [id, status, lapseCode, now]);
  }

  /** Takes the lines back and lowers the order's total (its open amount follows); the order's version moves on. */
  async apply(orderId: string, lines: readonly ReductionLine[], amount: string): Promise<void> {
    await this.tx.query(
      `UPDATE contract.order_lines l SET reduced_quantity = l.reduced_quantity + r.quantity, reduced_amount = l.reduced_amount + r.amount
         FROM jsonb_to_recordset($2::jsonb) AS r("lineIndex" int, quantity numeric, amount numeric)
        WHERE l.order_id = $1 AND l.position = r."lineIndex"`,
      [orderId, JSON.stringify(lines)],
    );
    await this.tx.query(`UPDATE contract.orders SET total = total - $2::numeric, version = version + 1 WHERE id = $1`, [orderId, amount]);
  }
}
