import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The default approval process for orders [订单审批]: the applicant's manager, then (falling back
 * as every process does) the default approvers and administrators. Administrators change it with
 * PUT /api/v1/approval-processes/order.
 */
export class OrderApprovalProcess1732505650000 implements MigrationInterface {
  name = 'OrderApprovalProcess1732505650000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `INSERT INTO approval.processes (subject_type, steps) VALUES ('order', '[{"name": "直属上级审批", "mode": "any-of", "approvers": {"kind": "manager"}}]')
        ON CONFLICT (subject_type) DO NOTHING`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM approval.processes WHERE subject_type = 'order'`);
  }
}
