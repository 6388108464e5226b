import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports [线索导入]: one per file and target pool (the file's SHA-256, so the same file imported
 * again is the same import), with progress counters, and a report line per row with its outcome.
 */
export class LeadImports1732507100000 implements MigrationInterface {
  name = 'LeadImports1732507100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead.imports (
        id uuid PRIMARY KEY,
        pool_id uuid NOT NULL REFERENCES lead.pools(id),
        file_name text NOT NULL,
        file_hash text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        channel text,
        campaign text,
        status text NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed')),
        rows_read integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        merged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        error text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX imports_file_key ON lead.imports (pool_id, file_hash)`);
    await db.query(`
      CREATE TABLE lead.import_rows (
        import_id uuid NOT NULL REFERENCES lead.imports(id),
        row_number integer NOT NULL,
        status text NOT NULL CHECK (status IN ('created', 'merged', 'rejected')),
        lead_id uuid,
        error_code text,
        error_field text,
        PRIMARY KEY (import_id, row_number)
      )`);
    await db.query(`CREATE INDEX import_rows_status_idx ON lead.import_rows (import_id, status, row_number)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE lead.import_rows`);
    await db.query(`DROP TABLE lead.imports`);
  }
}
