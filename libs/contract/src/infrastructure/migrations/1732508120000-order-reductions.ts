import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reduction orders [减单 / 退货] of approved orders: which lines they take back and how much, the
 * approval they went through, and on each order line how much was taken back so far.
 */
export class OrderReductions1732508120000 implements MigrationInterface {
  name = 'OrderReductions1732508120000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contract.order_lines ADD COLUMN reduced_quantity numeric(18,4) NOT NULL DEFAULT 0`);
    await db.query(`ALTER TABLE contract.order_lines ADD COLUMN reduced_amount numeric(18,2) NOT NULL DEFAULT 0`);
    await db.query(
      `ALTER TABLE contract.order_lines ADD CONSTRAINT order_lines_reduced_check CHECK (reduced_quantity >= 0 AND reduced_quantity <= quantity AND reduced_amount >= 0)`,
    );
    await db.query(`
      CREATE TABLE contract.order_reductions (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES contract.orders(id),
        status text NOT NULL CHECK (status IN ('in-approval', 'approved', 'rejected', 'recalled', 'lapsed')),
        reason text NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        lines jsonb NOT NULL,
        approval_request_id uuid,
        lapse_code text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        decided_at timestamptz
      )`);
    await db.query(`CREATE INDEX order_reductions_order_idx ON contract.order_reductions (order_id, id)`);
    // One reduction in approval per order at a time: the second waits for the first's outcome.
    await db.query(`CREATE UNIQUE INDEX order_reductions_pending_key ON contract.order_reductions (order_id) WHERE status = 'in-approval'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contract.order_reductions`);
    await db.query(`ALTER TABLE contract.order_lines DROP CONSTRAINT order_lines_reduced_check`);
    await db.query(`ALTER TABLE contract.order_lines DROP COLUMN reduced_amount, DROP COLUMN reduced_quantity`);
  }
}
