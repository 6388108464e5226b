import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The default approval process for reduction orders [减单审批], like orders: the applicant's
 * manager, falling back to the default approvers and administrators. Administrators change it with
 * PUT /api/v1/approval-processes/order-reduction.
 */
export class OrderReductionApprovalProcess1732508120001 implements MigrationInterface {
  name = 'OrderReductionApprovalProcess1732508120001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `INSERT INTO approval.processes (subject_type, steps) VALUES ('order-reduction', '[{"name": "直属上级审批", "mode": "any-of", "approvers": {"kind": "manager"}}]')
        ON CONFLICT (subject_type) DO NOTHING`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM approval.processes WHERE subject_type = 'order-reduction'`);
  }
}
