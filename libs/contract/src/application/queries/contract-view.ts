import type { ContractStatus, ContractType, PaymentMethod } from '../../domain/contract.types.js';
import { INSTALMENT_PAID_SQL, instalmentStatus, type InstalmentStatus } from '../../domain/instalment-collection.js';

/** An instalment of the current payment plan with what was collected against it [回款]. */
export interface InstalmentView {
  id: string;
  seq: number;
  dueDate: string;
  amount: string;
  note: string | null;
  /** Allocated from the payments on the contract's orders, earliest due first. */
  paid: string;
  status: InstalmentStatus;
}

interface InstalmentRow extends Omit<InstalmentView, 'status'> {
  status: 'pending' | 'voided';
}

export interface ContractView {
  id: string;
  number: string;
  name: string;
  type: ContractType;
  signingParty: string;
  customerId: string;
  opportunityId: string | null;
  ownerId: string;
  status: ContractStatus;
  amount: string;
  currency: string;
  quantity: string | null;
  paymentMethod: PaymentMethod | null;
  startDate: string | null;
  endDate: string | null;
  productIds: string[];
  instalments: InstalmentView[];
  currentVersion: number;
  approvalRequestId: string | null;
  /** A change [合同变更] in approval, if any. */
  pendingVersion: number | null;
  voidReason: string | null;
  statusChangedAt: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ContractViewRow {
  id: string;
  number: string;
  name: string;
  type: ContractType;
  signing_party: string;
  customer_id: string;
  opportunity_id: string | null;
  owner_id: string;
  status: ContractStatus;
  amount: string;
  currency: string;
  quantity: string | null;
  payment_method: PaymentMethod | null;
  start_date: string | null;
  end_date: string | null;
  product_ids: string[];
  instalments: InstalmentRow[];
  current_version: number;
  approval_request_id: string | null;
  pending_version: number | null;
  void_reason: string | null;
  status_changed_at: Date;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Dates as text (no time zone shifts a date), money as text (never a float), the live plan as JSON. */
export const CONTRACT_VIEW_SELECT = `
  SELECT c.id, c.number, c.name, c.type, c.signing_party, c.customer_id, c.opportunity_id, c.owner_id, c.status, c.amount::text AS amount,
         c.currency, trim_scale(c.quantity)::text AS quantity, c.payment_method, c.start_date::text AS start_date, c.end_date::text AS end_date,
         c.product_ids, c.current_version, c.approval_request_id, c.pending_version, c.void_reason, c.status_changed_at, c.created_by,
         c.created_at, c.updated_at, c.version,
         COALESCE((SELECT json_agg(json_build_object('id', i.id, 'seq', i.seq, 'dueDate', i.due_date::text, 'amount', i.amount::text,
                                                     'note', i.note, 'status', i.status, 'paid', (${INSTALMENT_PAID_SQL})::numeric(18,2)::text) ORDER BY i.seq)
                     FROM contract.instalments i WHERE i.contract_id = c.id AND i.status <> 'superseded'), '[]'::json) AS instalments
    FROM contract.contracts c`;

/** `today` is the date in CRM_TIMEZONE (`YYYY-MM-DD`): an unpaid instalment of a contract in force is overdue after its due date. */
export function toView(row: ContractViewRow, today: string): ContractView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    type: row.type,
    signingParty: row.signing_party,
    customerId: row.customer_id,
    opportunityId: row.opportunity_id,
    ownerId: row.owner_id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    quantity: row.quantity,
    paymentMethod: row.payment_method,
    startDate: row.start_date,
    endDate: row.end_date,
    productIds: row.product_ids,
    instalments: row.instalments.map((instalment) => ({
      ...instalment,
      status: instalmentStatus({ stored: instalment.status, amount: instalment.amount, paid: instalment.paid, dueDate: instalment.dueDate }, row.status, today),
    })),
    currentVersion: row.current_version,
    approvalRequestId: row.approval_request_id,
    pendingVersion: row.pending_version,
    voidReason: row.void_reason,
    statusChangedAt: new Date(row.status_changed_at).toISOString(),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}
