import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Product lines [条线] with their heads, and the products in each line. */
export class CatalogSchema1732500300000 implements MigrationInterface {
  name = 'CatalogSchema1732500300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS catalog`);
    await db.query(`
      CREATE TABLE catalog.product_lines (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        head_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`
      CREATE TABLE catalog.products (
        id uuid PRIMARY KEY,
        product_line_id uuid NOT NULL REFERENCES catalog.product_lines(id),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX products_line_idx ON catalog.products (product_line_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA catalog CASCADE`);
  }
}
