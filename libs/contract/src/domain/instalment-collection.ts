import Big from 'big.js';
import { zonedTime } from '@crm/kernel';
import type { ContractStatus } from './contract.types.js';

/**
 * Where an instalment of the payment plan [回款计划] stands with the money collected [回款]:
 * pending [待回款], partially-paid [部分回款], paid [已回款], overdue [逾期], or, as stored, voided
 * with the contract or superseded by a change.
 */
export const INSTALMENT_STATUSES = ['pending', 'partially-paid', 'paid', 'overdue', 'voided', 'superseded'] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];

/** Contracts whose unpaid instalments fall overdue: those in force (a draft owes nothing yet). */
const IN_FORCE: readonly ContractStatus[] = ['approved', 'executing', 'suspended'];

/**
 * The status of one instalment from what was allocated to it. Payments on the orders of a contract
 * allocate to its instalments in due-date order (the earliest is filled first), so `paid` is
 * min(amount, collected − the amounts of the instalments due before it), never below zero; the
 * SQL in `INSTALMENT_PAID_SQL` computes it that way.
 */
export function instalmentStatus(
  instalment: { stored: 'pending' | 'voided' | 'superseded'; amount: string; paid: string; dueDate: string },
  contractStatus: ContractStatus,
  today: string,
): InstalmentStatus {
  if (instalment.stored !== 'pending') return instalment.stored;
  const paid = new Big(instalment.paid);
  if (paid.gte(instalment.amount)) return 'paid';
  if (IN_FORCE.includes(contractStatus) && instalment.dueDate < today) return 'overdue';
  return paid.gt(0) ? 'partially-paid' : 'pending';
}

/**
 * The amount allocated to instalment `i` of contract `c` (SQL, aliases `i` and `c` in scope):
 * what the contract's orders collected (payments in force) less the instalments of the live plan
 * due before it, between 0 and its amount.
 */
export const INSTALMENT_PAID_SQL = `GREATEST(0, LEAST(i.amount,
    (SELECT COALESCE(sum(o.paid), 0) FROM contract.orders o WHERE o.contract_id = c.id)
  - (SELECT COALESCE(sum(e.amount), 0) FROM contract.instalments e
      WHERE e.contract_id = c.id AND e.status <> 'superseded' AND (e.seq < i.seq) AND e.version_no = i.version_no)))`;

/** The calendar date (`YYYY-MM-DD`) at `now` in a time zone (CRM_TIMEZONE). */
export function todayIn(timeZone: string, now = new Date()): string {
  return zonedTime(now, timeZone).date;
}
