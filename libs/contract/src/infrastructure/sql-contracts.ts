import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Contract, type ContractState, type ContractTerms, type ContractVersion } from '../domain/contract.aggregate.js';
import { Contracts } from '../domain/contracts.port.js';

interface ContractRow {
  id: string;
  number: string;
  customer_id: string;
  opportunity_id: string | null;
  owner_id: string;
  status: ContractState['status'];
  current_version: number;
  latest_version_no: number;
  approval_request_id: string | null;
  pending_version: number | null;
  void_reason: string | null;
  status_changed_at: Date;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface VersionRow {
  id: string;
  version_no: number;
  status: ContractVersion['status'];
  terms: ContractTerms;
  changes: ContractVersion['changes'];
  reason: string | null;
  approval_request_id: string | null;
  requested_by: string;
  requested_at: Date;
  decided_at: Date | null;
}

function toVersion(row: VersionRow): ContractVersion {
  return {
    id: row.id,
    versionNo: row.version_no,
    status: row.status,
    terms: row.terms,
    changes: row.changes,
    reason: row.reason,
    approvalRequestId: row.approval_request_id,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at),
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
  };
}

/**
 * Contracts in contract.contracts: the row carries the current terms in plain columns (for orders,
 * payments and eligibility to read); every version's terms are in contract.versions, and the current
 * version's payment plan is in contract.instalments, one row per instalment.
 */
@Injectable()
export class SqlContracts extends Contracts {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async get(id: string, options: { lock?: 'update' } = {}): Promise<Contract | undefined> {
    const row = await this.tx.queryOne<ContractRow>(
      `SELECT id, number, customer_id, opportunity_id, owner_id, status, current_version, approval_request_id, pending_version, void_reason,
              status_changed_at, created_by, created_at, updated_at, version,
              (SELECT max(v.version_no) FROM contract.versions v WHERE v.contract_id = contracts.id) AS latest_version_no
         FROM contract.contracts WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) return undefined;
    const versions = (
      await this.tx.query<VersionRow>(
        `SELECT id, version_no, status, terms, changes, reason, approval_request_id, requested_by, requested_at, decided_at
           FROM contract.versions WHERE contract_id = $1 AND version_no IN ($2, $3)`,
        [id, row.current_version, row.pending_version ?? row.current_version],
      )
    ).map(toVersion);
    const current = versions.find((version) => version.versionNo === row.current_version)!;
    return Contract.rehydrate(
      {
        id: row.id,
        number: row.number,
        customerId: row.customer_id,
        opportunityId: row.opportunity_id,
        ownerId: row.owner_id,
        status: row.status,
        terms: current.terms,
        currentVersion: row.current_version,
        latestVersionNo: row.latest_version_no,
        approvalRequestId: row.approval_request_id,
        pendingVersion: row.pending_version,
        voidReason: row.void_reason,
        statusChangedAt: new Date(row.status_changed_at),
        createdBy: row.created_by,
        createdAt: new Date(row.created_at),
        updatedAt: new Date(row.updated_at),
        version: row.version,
      },
      versions,
    );
  }

  async add(contract: Contract): Promise<void> {
    const state = contract.snapshot();
    const terms = state.terms;
    await this.tx.query(
      `INSERT INTO contract.contracts (id, number, name, type, signing_party, customer_id, opportunity_id, owner_id, status, amount, currency,
          quantity, payment_method, start_date, end_date, product_ids, current_version, approval_request_id, pending_version, void_reason,
          status_changed_at, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, 1)`,
      [
        state.id,
        state.number,
        terms.name,
        terms.type,
        terms.signingParty,
        state.customerId,
        state.opportunityId,
        state.ownerId,
        state.status,
        terms.amount,
        terms.currency,
        terms.quantity,
        terms.paymentMethod,
        terms.startDate,
        terms.endDate,
        terms.productIds,
        state.currentVersion,
        state.approvalRequestId,
        state.pendingVersion,
        state.voidReason,
        state.statusChangedAt,
        state.createdBy,
        state.createdAt,
        state.updatedAt,
      ],
    );
    await this.writeChildren(contract);
    this.uow.track(contract);
    contract.saved();
  }

  async save(contract: Contract, loadedVersion: number): Promise<boolean> {
    const state = contract.snapshot();
    const terms = state.terms;
    const writes = contract.pendingWrites();
    const { rowCount } = await this.tx.execute(
      `UPDATE contract.contracts
          SET name = $3, type = $4, signing_party = $5, owner_id = $6, status = $7, amount = $8, currency = $9, quantity = $10,
              payment_method = $11, start_date = $12, end_date = $13, product_ids = $14, current_version = $15, approval_request_id = $16,
              pending_version = $17, void_reason = $18, status_changed_at = $19, updated_at = $20,
              ending_reminded_at = CASE WHEN $21::boolean THEN NULL ELSE ending_reminded_at END, version = version + 1
        WHERE id = $1 AND version = $2`,
      [
        state.id,
        loadedVersion,
        terms.name,
        terms.type,
        terms.signingParty,
        state.ownerId,
        state.status,
        terms.amount,
        terms.currency,
        terms.quantity,
        terms.paymentMethod,
        terms.startDate,
        terms.endDate,
        terms.productIds,
        state.currentVersion,
        state.approvalRequestId,
        state.pendingVersion,
        state.voidReason,
        state.statusChangedAt,
        state.updatedAt,
        writes.endingReminderReset,
      ],
    );
    if (rowCount === 0) return false;
    await this.writeChildren(contract);
    this.uow.track(contract);
    contract.saved();
    return true;
  }

  async currentVersion(id: string): Promise<number | undefined> {
    return (await this.tx.queryOne<{ version: number }>(`SELECT version FROM contract.contracts WHERE id = $1`, [id]))?.version;
  }

  private async writeChildren(contract: Contract): Promise<void> {
    const state = contract.snapshot();
    const writes = contract.pendingWrites();
    for (const version of writes.versions) {
      await this.tx.query(
        `INSERT INTO contract.versions (id, contract_id, version_no, status, terms, changes, reason, approval_request_id, requested_by, requested_at, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, terms = EXCLUDED.terms, approval_request_id = EXCLUDED.approval_request_id,
           requested_at = EXCLUDED.requested_at, decided_at = EXCLUDED.decided_at`,
        [
          version.id,
          state.id,
          version.versionNo,
          version.status,
          JSON.stringify(version.terms),
          JSON.stringify(version.changes),
          version.reason,
          version.approvalRequestId,
          version.requestedBy,
          version.requestedAt,
          version.decidedAt,
        ],
      );
    }
    if (writes.planReplaced) {
      // A draft's plan is rewritten; an earlier version's pending instalments give way to the new current plan.
      await this.tx.query(`DELETE FROM contract.instalments WHERE contract_id = $1 AND version_no = $2`, [state.id, state.currentVersion]);
      await this.tx.query(`UPDATE contract.instalments SET status = 'superseded' WHERE contract_id = $1 AND status = 'pending'`, [state.id]);
      const plan = state.terms.instalments;
      if (plan.length > 0) {
        await this.tx.query(
          `INSERT INTO contract.instalments (id, contract_id, version_no, seq, due_date, amount, note, status)
           SELECT unnest($1::uuid[]), $2, $3, unnest($4::int[]), unnest($5::date[]), unnest($6::numeric[]), unnest($7::text[]), 'pending'`,
          [
            plan.map(() => uuidv7()),
            state.id,
            state.currentVersion,
            plan.map((instalment) => instalment.seq),
            plan.map((instalment) => instalment.dueDate),
            plan.map((instalment) => instalment.amount),
            plan.map((instalment) => instalment.note),
          ],
        );
      }
    }
    if (writes.planVoided) {
      await this.tx.query(`UPDATE contract.instalments SET status = 'voided' WHERE contract_id = $1 AND status = 'pending'`, [state.id]);
    }
  }
}
