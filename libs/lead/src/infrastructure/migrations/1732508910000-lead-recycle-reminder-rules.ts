import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders before the not-converted deadline [转化期限提醒]: a reminder row names its rule, and the
 * key becomes (lead, rule, deadline) so the follow-up and the conversion deadline are each reminded
 * once, even when they fall at the same moment. Existing rows were follow-up reminders.
 */
export class LeadRecycleReminderRules1732508910000 implements MigrationInterface {
  name = 'LeadRecycleReminderRules1732508910000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE lead.recycle_reminders
        ADD COLUMN rule text NOT NULL DEFAULT 'not-followed-up' CHECK (rule IN ('not-followed-up', 'not-converted')),
        DROP CONSTRAINT recycle_reminders_pkey,
        ADD CONSTRAINT recycle_reminders_pkey PRIMARY KEY (lead_id, rule, deadline)`);
    await db.query(`ALTER TABLE lead.recycle_reminders ALTER COLUMN rule DROP DEFAULT`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM lead.recycle_reminders WHERE rule <> 'not-followed-up'`);
    await db.query(`
      ALTER TABLE lead.recycle_reminders
        DROP CONSTRAINT recycle_reminders_pkey,
        DROP COLUMN rule,
        ADD CONSTRAINT recycle_reminders_pkey PRIMARY KEY (lead_id, deadline)`);
  }
}
