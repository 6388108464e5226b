import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who leads each team [组长] and heads each department [部门负责人]: approvals route to them. */
export class OrgHeads1732501100000 implements MigrationInterface {
  name = 'OrgHeads1732501100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE identity.departments ADD COLUMN head_id uuid REFERENCES identity.users(id)`);
    await db.query(`ALTER TABLE identity.teams ADD COLUMN lead_id uuid REFERENCES identity.users(id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE identity.teams DROP COLUMN lead_id`);
    await db.query(`ALTER TABLE identity.departments DROP COLUMN head_id`);
  }
}
