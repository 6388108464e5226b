import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import leases [导入租约]: the process running an import holds it (`locked_by`) until
 * `lease_until`, renewed with every batch; an import whose lease ran out (its process died) is
 * taken up by the next process's scheduled job. Imports left queued or processing by processes
 * that kept their upload on their own disk have no lease: the job takes them too, finds no stored
 * file and fails them, so uploading the file again resumes them after their last reported row.
 */
export class LeadImportLeases1732509470000 implements MigrationInterface {
  name = 'LeadImportLeases1732509470000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE lead.imports ADD COLUMN locked_by text, ADD COLUMN lease_until timestamptz`);
    await db.query(`CREATE INDEX imports_unfinished_idx ON lead.imports (lease_until NULLS FIRST, id) WHERE status IN ('queued', 'processing')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX lead.imports_unfinished_idx`);
    await db.query(`ALTER TABLE lead.imports DROP COLUMN locked_by, DROP COLUMN lease_until`);
  }
}
