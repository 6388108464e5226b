import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holders of partial protection (a product line or products) besides the owner, so they see and
 * work the customer too; `partially-protected` when only part of it is held.
 */
export class CustomerHolders1732500200000 implements MigrationInterface {
  name = 'CustomerHolders1732500200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customer.customers ADD COLUMN co_holder_ids uuid[] NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE customer.customers DROP CONSTRAINT customers_status_check`);
    await db.query(
      `ALTER TABLE customer.customers ADD CONSTRAINT customers_status_check
         CHECK (status IN ('in-pool', 'protected', 'partially-protected'))`,
    );
    await db.query(`CREATE INDEX customers_co_holders_idx ON customer.customers USING gin (co_holder_ids) WHERE cardinality(co_holder_ids) > 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX customer.customers_co_holders_idx`);
    await db.query(`ALTER TABLE customer.customers DROP COLUMN co_holder_ids`);
  }
}
