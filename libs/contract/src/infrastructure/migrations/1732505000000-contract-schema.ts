import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may do what with contracts, granted to the default roles (administrators edit roles later). */
const GRANTS: Record<string, string[]> = {
  admin: ['contract:read', 'contract:create', 'contract:update', 'contract:manage', 'contract:configure'],
  'sales-manager': ['contract:read', 'contract:create', 'contract:update', 'contract:manage'],
  'sales-rep': ['contract:read', 'contract:create', 'contract:update'],
  finance: ['contract:read'],
  'service-agent': ['contract:read'],
  legal: ['contract:read'],
};

/**
 * Contracts [合同]: the contract with its current terms in plain columns (orders, payments and
 * service eligibility read them), every version of the terms with its diff and change record
 * [合同变更], the payment plan [回款计划] of the current version, attachments, the numbering
 * pattern and its per-period sequences, and a copy of won opportunities a contract may start from.
 * A legal role [法务] is added for the legal review step of contract approval.
 */
export class ContractSchema1732505000000 implements MigrationInterface {
  name = 'ContractSchema1732505000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS contract`);
    await db.query(`
      CREATE TABLE contract.settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        number_pattern text NOT NULL,
        ending_reminder_days integer NOT NULL CHECK (ending_reminder_days BETWEEN 1 AND 365),
        instalment_reminder_days integer NOT NULL CHECK (instalment_reminder_days BETWEEN 0 AND 365),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`INSERT INTO contract.settings (number_pattern, ending_reminder_days, instalment_reminder_days) VALUES ('HT{yyyy}{MM}-{seq:4}', 30, 7)`);
    // One counter per rendered prefix ("HT202611-"): numbering restarts each period the pattern names.
    await db.query(`
      CREATE TABLE contract.number_sequences (
        prefix text PRIMARY KEY,
        last_value bigint NOT NULL
      )`);
    await db.query(`
      CREATE TABLE contract.contracts (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('standard', 'framework', 'renewal', 'supplementary')),
        signing_party text NOT NULL,
        customer_id uuid NOT NULL,
        opportunity_id uuid,
        owner_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'in-approval', 'approved', 'executing', 'suspended', 'completed', 'voided', 'archived')),
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        currency text NOT NULL,
        quantity numeric(18,4),
        payment_method text,
        start_date date,
        end_date date,
        product_ids uuid[] NOT NULL DEFAULT '{}',
        current_version integer NOT NULL,
        approval_request_id uuid,
        pending_version integer,
        void_reason text,
        status_changed_at timestamptz NOT NULL,
        ending_reminded_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL,
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    await db.query(`CREATE UNIQUE INDEX contracts_number_key ON contract.contracts (number)`);
    // Lists are newest first (uuid v7), in the caller's scope or by customer.
    await db.query(`CREATE INDEX contracts_owner_idx ON contract.contracts (owner_id, id DESC)`);
    await db.query(`CREATE INDEX contracts_customer_idx ON contract.contracts (customer_id, id DESC)`);
    await db.query(`CREATE INDEX contracts_opportunity_idx ON contract.contracts (opportunity_id) WHERE opportunity_id IS NOT NULL`);
    // The ending-soon scan: live contracts not yet reminded, by end date.
    await db.query(`
      CREATE INDEX contracts_ending_idx ON contract.contracts (end_date)
       WHERE ending_reminded_at IS NULL AND end_date IS NOT NULL AND status IN ('approved', 'executing', 'suspended')`);
    await db.query(`
      CREATE TABLE contract.versions (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contract.contracts(id),
        version_no integer NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'in-approval', 'current', 'superseded', 'rejected', 'recalled', 'withdrawn')),
        terms jsonb NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        reason text,
        approval_request_id uuid,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        decided_at timestamptz,
        UNIQUE (contract_id, version_no)
      )`);
    await db.query(`
      CREATE TABLE contract.instalments (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contract.contracts(id),
        version_no integer NOT NULL,
        seq integer NOT NULL,
        due_date date NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        note text,
        status text NOT NULL CHECK (status IN ('pending', 'voided', 'superseded')),
        due_reminded_at timestamptz,
        overdue_reminded_at timestamptz,
        UNIQUE (contract_id, version_no, seq)
      )`);
    await db.query(`CREATE INDEX instalments_contract_idx ON contract.instalments (contract_id, version_no, seq)`);
    // The due and overdue scans: pending instalments not yet reminded, by due date.
    await db.query(`CREATE INDEX instalments_due_idx ON contract.instalments (due_date) WHERE status = 'pending' AND due_reminded_at IS NULL`);
    await db.query(`CREATE INDEX instalments_overdue_idx ON contract.instalments (due_date) WHERE status = 'pending' AND overdue_reminded_at IS NULL`);
    await db.query(`
      CREATE TABLE contract.attachments (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contract.contracts(id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 text NOT NULL,
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX attachments_contract_idx ON contract.attachments (contract_id, id)`);
    // Won opportunities [赢单商机] as the Opportunity context announced them: what a contract may start from.
    await db.query(`
      CREATE TABLE contract.won_opportunities (
        opportunity_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        name text NOT NULL,
        amount numeric(18,2) NOT NULL,
        currency text NOT NULL,
        product_ids uuid[] NOT NULL,
        won_at timestamptz NOT NULL
      )`);
    await db.query(`
      INSERT INTO identity.roles (key, name, description, permissions, data_scope)
      VALUES ('legal', '法务', 'Legal: reviews contracts [合同法务审核].', '{approval:decide}', 'all')
      ON CONFLICT (key) DO NOTHING`);
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
    await db.query(`UPDATE identity.roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p WHERE p NOT LIKE 'contract:%' ORDER BY p)`);
    await db.query(`DELETE FROM identity.roles WHERE key = 'legal' AND NOT EXISTS (SELECT 1 FROM identity.users WHERE 'legal' = ANY(roles))`);
    await db.query(`DROP SCHEMA contract CASCADE`);
  }
}
