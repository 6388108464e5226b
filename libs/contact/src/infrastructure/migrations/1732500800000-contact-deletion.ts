import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deleted contacts are kept for the history of the customers they were linked to, but hidden. */
export class ContactDeletion1732500800000 implements MigrationInterface {
  name = 'ContactDeletion1732500800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contact.contacts ADD COLUMN deleted_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contact.contacts DROP COLUMN deleted_at`);
  }
}
