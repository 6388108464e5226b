import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The date a lead was first captured elsewhere [原始获取日期], when an import file says so
 * (a `capturedAt` / 创建日期 column): nullable, set once at capture; `created_at` stays the time it
 * entered this system. Adding a nullable column without a default rewrites nothing.
 */
export class LeadCapturedAt1732508920000 implements MigrationInterface {
  name = 'LeadCapturedAt1732508920000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE lead.leads ADD COLUMN captured_at date`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE lead.leads DROP COLUMN captured_at`);
  }
}
