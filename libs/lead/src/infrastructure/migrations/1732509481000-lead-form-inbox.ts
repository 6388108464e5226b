import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web-form submissions are accepted into an inbox [表单收件箱] with one insert and answered 202 at
 * once; the intake captures them in batches (de-duplication, customer match, scoring, assignment,
 * set-based) and removes them in the same transaction. A batch that fails leaves its rows; a row
 * that fails alone waits (`next_attempt_at`) with its error, so nothing accepted is ever lost.
 */
export class LeadFormInbox1732509481000 implements MigrationInterface {
  name = 'LeadFormInbox1732509481000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead.form_inbox (
        id uuid PRIMARY KEY,
        form_id uuid NOT NULL REFERENCES lead.forms (id),
        pool_id uuid NOT NULL,
        profile jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
    await db.query(`CREATE INDEX form_inbox_due_idx ON lead.form_inbox (next_attempt_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE lead.form_inbox`);
  }
}
