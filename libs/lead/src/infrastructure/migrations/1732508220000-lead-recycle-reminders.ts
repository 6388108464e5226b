import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders before recycling [回收提醒]: one row per lead and follow-up deadline it was reminded
 * of. The key makes the reminder once-only with several workers (an insert that conflicts does
 * nothing); a follow-up moves the deadline, so the next idle spell is reminded again.
 */
export class LeadRecycleReminders1732508220000 implements MigrationInterface {
  name = 'LeadRecycleReminders1732508220000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead.recycle_reminders (
        lead_id uuid NOT NULL REFERENCES lead.leads(id),
        deadline timestamptz NOT NULL,
        owner_id uuid NOT NULL,
        pool_id uuid NOT NULL REFERENCES lead.pools(id),
        reminded_at timestamptz NOT NULL,
        PRIMARY KEY (lead_id, deadline)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE lead.recycle_reminders`);
  }
}
