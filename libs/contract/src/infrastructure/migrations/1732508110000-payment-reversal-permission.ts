import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reversing a payment recorded by hand [回款冲销] is its own permission, granted to administrators and finance. */
export class PaymentReversalPermission1732508110000 implements MigrationInterface {
  name = 'PaymentReversalPermission1732508110000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE identity.roles
          SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || ARRAY['payment:reverse']) AS p ORDER BY p), updated_at = now()
        WHERE key IN ('admin', 'finance')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE identity.roles SET permissions = array_remove(permissions, 'payment:reverse') WHERE 'payment:reverse' = ANY(permissions)`);
  }
}
