import { DataScope, TransactionHost, type Actor } from '@crm/platform';
import Big from 'big.js';
import { OrderErrors } from '../domain/order.errors.js';

interface ContractRow {
  id: string;
  customerId: string;
  ownerId: string;
  type: string;
  status: string;
  amount: string;
  currency: string;
}

/** Contracts orders may be placed under [执行中的合同]. */
const ORDERABLE = ['approved', 'executing'];

/**
 * Checks the contract an order names, holding its row (FOR NO KEY UPDATE) until commit: orders of one
 * contract are created one after the other, so concurrent creates never take a non-framework
 * contract past its amount. `excludeOrderId` leaves out an order whose lines are being replaced.
 */
export async function assertContractAllows(
  tx: TransactionHost,
  actor: Actor,
  contractId: string,
  order: { customerId: string; currency: string; total: string; excludeOrderId?: string },
): Promise<void> {
  const contract = await tx.queryOne<ContractRow>(
    `SELECT id, customer_id AS "customerId", owner_id AS "ownerId", type, status, amount::text AS amount, currency
       FROM contract.contracts WHERE id = $1 FOR NO KEY UPDATE`,
    [contractId],
  );
  // Another salesperson's contract answers exactly like a missing one.
  if (!contract || !DataScope.of(actor).allows({ ownerId: contract.ownerId })) throw OrderErrors.contractNotFound();
  if (contract.customerId !== order.customerId) throw OrderErrors.contractOfAnotherCustomer();
  if (!ORDERABLE.includes(contract.status)) throw OrderErrors.contractNotInForce(contract.status);
  if (contract.currency !== order.currency) throw OrderErrors.currencyMismatch();
  if (contract.type === 'framework') return;
  const [row] = await tx.query<{ ordered: string }>(
    `SELECT COALESCE(sum(total), 0)::text AS ordered FROM contract.orders WHERE contract_id = $1 AND ($2::uuid IS NULL OR id <> $2)`,
    [contractId, order.excludeOrderId ?? null],
  );
  const ordered = new Big(row!.ordered);
  if (ordered.plus(order.total).gt(contract.amount)) {
    throw OrderErrors.exceedsContractAmount(contract.amount, ordered.toFixed(2), Big(contract.amount).minus(ordered).toFixed(2));
  }
}
