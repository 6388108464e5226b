import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing leads [关闭线索]: why a lead was given up (`closed_reason`: invalid, duplicate, no need,
 * unreachable, other), with a note, by whom and when (`closed_at`, there since the first schema). A closed lead leaves the open-lead indexes (keys,
 * capacity, recycling, re-scoring) by its status alone; reopening clears these columns.
 */
export class LeadClosure1732508200000 implements MigrationInterface {
  name = 'LeadClosure1732508200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE lead.leads
        ADD COLUMN closed_note text,
        ADD COLUMN closed_by text,
        ADD CONSTRAINT leads_closed_reason_check CHECK (closed_reason IN ('invalid', 'duplicate', 'no-need', 'unreachable', 'other')),
        ADD CONSTRAINT leads_closure_with_status CHECK ((status = 'closed') = (closed_reason IS NOT NULL AND closed_at IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE lead.leads DROP CONSTRAINT leads_closure_with_status, DROP CONSTRAINT leads_closed_reason_check,
        DROP COLUMN closed_note, DROP COLUMN closed_by`);
  }
}
