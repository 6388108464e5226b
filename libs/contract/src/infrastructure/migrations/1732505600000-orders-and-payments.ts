import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may do what with orders and payments, granted to the default roles (administrators edit roles later). */
const GRANTS: Record<string, string[]> = {
  admin: ['order:read', 'order:create', 'order:manual-price', 'order:hand-off', 'payment:record', 'payment:reconcile', 'bank-account:manage'],
  'sales-manager': ['order:read', 'order:create', 'order:manual-price', 'order:hand-off'],
  'sales-rep': ['order:read', 'order:create', 'order:hand-off'],
  finance: ['order:read', 'payment:record', 'payment:reconcile'],
  'line-head': ['order:read'],
};

/**
 * Orders [订单] with their priced lines (and how each price was found), payments [回款], bank
 * accounts with their signing secrets, and bank transactions [银行流水] with the rule and confidence
 * of their match. Money is numeric(18,2); the open amount is a stored column so matching a payer's
 * exact open amount is one index lookup.
 */
export class OrdersAndPayments1732505600000 implements MigrationInterface {
  name = 'OrdersAndPayments1732505600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS contract`);
    await db.query(`CREATE SEQUENCE contract.order_number_seq`);
    // Which customer each opportunity is about (from opportunity.created): an order names an opportunity of its own customer.
    await db.query(`CREATE TABLE contract.order_opportunities (opportunity_id uuid PRIMARY KEY, customer_id uuid NOT NULL)`);
    await db.query(`
      CREATE TABLE contract.orders (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        customer_id uuid NOT NULL,
        customer_name text NOT NULL,
        payer_key text NOT NULL,
        owner_id uuid NOT NULL,
        opportunity_id uuid,
        contract_id uuid,
        price_list_id uuid NOT NULL,
        currency text NOT NULL,
        order_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'in-approval', 'approved', 'rejected', 'handed-off')),
        approval_request_id uuid,
        total numeric(18,2) NOT NULL CHECK (total >= 0),
        paid numeric(18,2) NOT NULL DEFAULT 0,
        open_amount numeric(18,2) GENERATED ALWAYS AS (total - paid) STORED,
        handed_off_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await db.query(`CREATE INDEX orders_owner_idx ON contract.orders (owner_id, id DESC)`);
    await db.query(`CREATE INDEX orders_customer_idx ON contract.orders (customer_id, id DESC)`);
    await db.query(`CREATE INDEX orders_contract_idx ON contract.orders (contract_id) WHERE contract_id IS NOT NULL`);
    await db.query(`CREATE INDEX orders_open_by_payer_idx ON contract.orders (payer_key, open_amount) WHERE open_amount > 0`);
    await db.query(`CREATE INDEX orders_handed_off_idx ON contract.orders (customer_id, handed_off_at DESC) WHERE status = 'handed-off'`);
    await db.query(`
      CREATE TABLE contract.order_lines (
        order_id uuid NOT NULL REFERENCES contract.orders(id),
        position integer NOT NULL,
        product_id uuid NOT NULL,
        product_line_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        unit text NOT NULL,
        warranty_months integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('product', 'gift', 'bundle')),
        parent_position integer,
        quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18,2) NOT NULL,
        discount_percent numeric(5,2) NOT NULL,
        amount numeric(18,2) NOT NULL,
        price_source jsonb NOT NULL,
        PRIMARY KEY (order_id, position)
      )`);
    await db.query(`
      CREATE TABLE contract.bank_accounts (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        account_number text NOT NULL UNIQUE,
        secret text NOT NULL,
        tolerance numeric(18,2) NOT NULL CHECK (tolerance >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE contract.bank_transactions (
        id uuid PRIMARY KEY,
        bank_account_id uuid NOT NULL REFERENCES contract.bank_accounts(id),
        transaction_id text NOT NULL,
        amount numeric(18,2) NOT NULL,
        currency text NOT NULL,
        payer_name text NOT NULL,
        payer_key text NOT NULL,
        reference text NOT NULL,
        booked_on date NOT NULL,
        received_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('matched', 'proposed', 'unmatched')),
        order_id uuid,
        payment_id uuid,
        rule text,
        confidence numeric(3,2),
        matched_by uuid,
        matched_at timestamptz,
        first_result jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (bank_account_id, transaction_id)
      )`);
    await db.query(`CREATE INDEX bank_transactions_status_idx ON contract.bank_transactions (status, id DESC)`);
    await db.query(`CREATE INDEX bank_transactions_proposed_idx ON contract.bank_transactions (order_id) WHERE status = 'proposed'`);
    await db.query(`
      CREATE TABLE contract.order_payments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES contract.orders(id),
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        paid_on date NOT NULL,
        method text NOT NULL,
        payer text NOT NULL,
        reference text,
        source text NOT NULL CHECK (source IN ('manual', 'bank')),
        bank_transaction_id uuid REFERENCES contract.bank_transactions(id),
        rule text NOT NULL,
        confidence numeric(3,2) NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL,
        reversed_at timestamptz,
        reversed_by uuid,
        reversal_reason text
      )`);
    await db.query(`CREATE INDEX order_payments_order_idx ON contract.order_payments (order_id, recorded_at)`);
    for (const [role, permissions] of Object.entries(GRANTS)) {
      await db.query(
        `UPDATE identity.roles
            SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || $2::text[]) AS p ORDER BY p), updated_at = now()
          WHERE key = $1`,
        [role, permissions],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE identity.roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p
        WHERE p NOT LIKE 'order:%' AND p NOT LIKE 'payment:%' AND p <> 'bank-account:manage' ORDER BY p)`,
    );
    await db.query(
      `DROP TABLE contract.order_payments, contract.bank_transactions, contract.bank_accounts, contract.order_lines, contract.orders, contract.order_opportunities`,
    );
    await db.query(`DROP SEQUENCE contract.order_number_seq`);
  }
}
