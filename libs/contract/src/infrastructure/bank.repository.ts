import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { MatchCandidate, MatchDecision } from '../domain/bank-matching.js';

export interface BankAccount {
  id: string;
  name: string;
  accountNumber: string;
  secret: string;
  tolerance: string;
}

export interface BankTransaction {
  id: string;
  bankAccountId: string;
  transactionId: string;
  amount: string;
  currency: string;
  payerName: string;
  payerKey: string;
  reference: string;
  bookedOn: string;
  receivedAt: Date;
  status: 'matched' | 'proposed' | 'unmatched';
  orderId: string | null;
  paymentId: string | null;
  rule: string | null;
  confidence: string | null;
  matchedBy: string | null;
  matchedAt: Date | null;
  firstResult: Record<string, unknown>;
}

const TRANSACTION_COLUMNS = `t.id, t.bank_account_id AS "bankAccountId", t.transaction_id AS "transactionId", t.amount::text AS amount, t.currency,
  t.payer_name AS "payerName", t.payer_key AS "payerKey", t.reference, t.booked_on::text AS "bookedOn", t.received_at AS "receivedAt", t.status,
  t.order_id AS "orderId", t.payment_id AS "paymentId", t.rule, t.confidence::text AS confidence, t.matched_by AS "matchedBy",
  t.matched_at AS "matchedAt", t.first_result AS "firstResult"`;

const CANDIDATE_COLUMNS = `o.id AS "orderId", o.number, o.open_amount::text AS "openAmount", o.created_at AS "createdAt"`;

/** Bank accounts and the transactions their notifications bring, with how each was matched. */
@Injectable()
export class BankRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertAccount(account: BankAccount): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO contract.bank_accounts (id, name, account_number, secret, tolerance) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_number) DO NOTHING`,
      [account.id, account.name, account.accountNumber, account.secret, account.tolerance],
    );
    return result.rowCount === 1;
  }

  findAccount(id: string): Promise<BankAccount | undefined> {
    return this.tx.queryOne<BankAccount>(
      `SELECT id, name, account_number AS "accountNumber", secret, tolerance::text AS tolerance FROM contract.bank_accounts WHERE id = $1`,
      [id],
    );
  }

  listAccounts(): Promise<Omit<BankAccount, 'secret'>[]> {
    return this.tx.query(`SELECT id, name, account_number AS "accountNumber", tolerance::text AS tolerance FROM contract.bank_accounts ORDER BY name, id`);
  }

  /** Stores a notified transaction once per bank and transaction id; false when it was stored before (a replay). */
  async insertTransaction(
    transaction: Omit<BankTransaction, 'status' | 'orderId' | 'paymentId' | 'rule' | 'confidence' | 'matchedBy' | 'matchedAt' | 'firstResult'>,
  ): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO contract.bank_transactions (id, bank_account_id, transaction_id, amount, currency, payer_name, payer_key, reference, booked_on, received_at, status, first_result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'unmatched', '{}') ON CONFLICT (bank_account_id, transaction_id) DO NOTHING`,
      [
        transaction.id,
        transaction.bankAccountId,
        transaction.transactionId,
        transaction.amount,
        transaction.currency,
        transaction.payerName,
        transaction.payerKey,
        transaction.reference,
        transaction.bookedOn,
        transaction.receivedAt,
      ],
    );
    return result.rowCount === 1;
  }

  /** What the bank was answered the first time it sent this transaction, as stored then (a replay answers the same). */
  async firstResultOf<Result>(bankAccountId: string, transactionId: string): Promise<Result> {
    const row = await this.tx.queryOne<{ firstResult: Result }>(
      `SELECT first_result AS "firstResult" FROM contract.bank_transactions WHERE bank_account_id = $1 AND transaction_id = $2`,
      [bankAccountId, transactionId],
    );
    return row!.firstResult;
  }

  /** Loads a transaction and holds it until commit, so two finance users cannot match or undo it at once. */
  findForUpdate(id: string): Promise<BankTransaction | undefined> {
    return this.tx.queryOne<BankTransaction>(`SELECT ${TRANSACTION_COLUMNS} FROM contract.bank_transactions t WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * In one statement: open orders named in the reference (by number, indexed), and the payer's
   * orders open for an amount within the tolerance of the received one (index on payer and open amount).
   */
  async candidates(
    numbers: readonly string[],
    payer: { payerKey: string; amount: string; tolerance: string; currency: string },
  ): Promise<{ byReference: MatchCandidate[]; byPayer: MatchCandidate[] }> {
    const rows = await this.tx.query<MatchCandidate & { via: 'reference' | 'payer' }>(
      `SELECT 'reference' AS via, ${CANDIDATE_COLUMNS} FROM contract.orders o WHERE o.number = ANY($1::text[]) AND o.status <> 'handed-off'
       UNION ALL
       (SELECT 'payer' AS via, ${CANDIDATE_COLUMNS} FROM contract.orders o
         WHERE o.payer_key = $2 AND o.open_amount > 0 AND o.open_amount BETWEEN $3::numeric - $4::numeric AND $3::numeric + $4::numeric
           AND o.currency = $5 AND o.status <> 'handed-off'
         ORDER BY o.created_at LIMIT 20)`,
      [numbers, payer.payerKey, payer.amount, payer.tolerance, payer.currency],
    );
    const strip = ({ via: _via, ...candidate }: MatchCandidate & { via: string }): MatchCandidate => candidate;
    return {
      byReference: rows.filter((row) => row.via === 'reference').map(strip),
      byPayer: rows.filter((row) => row.via === 'payer').map(strip),
    };
  }

  /** Records a match (or its absence); `firstResult` also stores what the bank was answered, for replays. */
  async setMatch(
    id: string,
    decision: MatchDecision,
    paymentId: string | null,
    by: string | null,
    now: Date | null,
    firstResult?: Record<string, unknown>,
  ): Promise<void> {
    await this.tx.execute(
      `UPDATE contract.bank_transactions SET status = $2, order_id = $3, rule = $4, confidence = $5, payment_id = $6, matched_by = $7, matched_at = $8,
          first_result = COALESCE($9::jsonb, first_result), version = version + 1
        WHERE id = $1`,
      [id, decision.status, decision.orderId, decision.rule, decision.confidence, paymentId, by, now, firstResult ? JSON.stringify(firstResult) : null],
    );
  }

  list(status: string | undefined, limit: number, beforeId?: string): Promise<(BankTransaction & { orderNumber: string | null })[]> {
    return this.tx.query(
      `SELECT ${TRANSACTION_COLUMNS}, (SELECT o.number FROM contract.orders o WHERE o.id = t.order_id) AS "orderNumber"
         FROM contract.bank_transactions t
        WHERE ($1::text IS NULL OR t.status = $1) AND ($2::uuid IS NULL OR t.id < $2)
        ORDER BY t.id DESC LIMIT $3`,
      [status ?? null, beforeId ?? null, limit],
    );
  }
}
