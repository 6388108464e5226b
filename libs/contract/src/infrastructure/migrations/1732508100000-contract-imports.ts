import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contract imports [合同导入]: one per file and person who uploads it (the file's SHA-256, so the
 * same file uploaded again is the same import), with progress counters, and a report line per row
 * with its outcome, the contract it made and the problem code of a rejected row.
 */
export class ContractImports1732508100000 implements MigrationInterface {
  name = 'ContractImports1732508100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contract.imports (
        id uuid PRIMARY KEY,
        file_name text NOT NULL,
        file_hash text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        status text NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed')),
        rows_read integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        error text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX imports_file_key ON contract.imports (created_by, file_hash)`);
    await db.query(`
      CREATE TABLE contract.import_rows (
        import_id uuid NOT NULL REFERENCES contract.imports(id),
        row_number integer NOT NULL,
        status text NOT NULL CHECK (status IN ('created', 'rejected', 'skipped')),
        contract_id uuid,
        contract_number text,
        error_code text,
        error_field text,
        PRIMARY KEY (import_id, row_number)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contract.import_rows`);
    await db.query(`DROP TABLE contract.imports`);
  }
}
