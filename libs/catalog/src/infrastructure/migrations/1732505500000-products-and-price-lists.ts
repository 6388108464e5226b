import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Products become sellable things: unit, published flag [发布], warranty months [保修], and parent /
 * child links of kind gift [赠送] or bundle [捆绑]. Price lists [价格表] with a currency, a validity
 * window and an optional parent list to fall back to; entries per product with their own window,
 * deactivated rather than deleted. Products that existed before stay sellable (published).
 */
export class ProductsAndPriceLists1732505500000 implements MigrationInterface {
  name = 'ProductsAndPriceLists1732505500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE catalog.products
        ADD COLUMN unit text NOT NULL DEFAULT '件',
        ADD COLUMN published boolean NOT NULL DEFAULT true,
        ADD COLUMN warranty_months integer NOT NULL DEFAULT 0 CHECK (warranty_months BETWEEN 0 AND 600),
        ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await db.query(`ALTER TABLE catalog.products ALTER COLUMN published SET DEFAULT false`);
    await db.query(`
      CREATE TABLE catalog.product_children (
        parent_id uuid NOT NULL REFERENCES catalog.products(id),
        child_id uuid NOT NULL REFERENCES catalog.products(id),
        kind text NOT NULL CHECK (kind IN ('gift', 'bundle')),
        quantity numeric(18,4) NOT NULL CHECK (quantity > 0),
        position integer NOT NULL,
        PRIMARY KEY (parent_id, child_id),
        CHECK (parent_id <> child_id)
      )`);
    await db.query(`
      CREATE TABLE catalog.price_lists (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        currency text NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        parent_id uuid REFERENCES catalog.price_lists(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await db.query(`
      CREATE TABLE catalog.price_list_entries (
        id uuid PRIMARY KEY,
        price_list_id uuid NOT NULL REFERENCES catalog.price_lists(id),
        product_id uuid NOT NULL REFERENCES catalog.products(id),
        unit_price numeric(18,2) NOT NULL CHECK (unit_price >= 0),
        valid_from date,
        valid_to date,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz,
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      )`);
    await db.query(`CREATE INDEX price_list_entries_lookup_idx ON catalog.price_list_entries (price_list_id, product_id) WHERE active`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE catalog.price_list_entries, catalog.price_lists, catalog.product_children`);
    await db.query(`ALTER TABLE catalog.products DROP COLUMN unit, DROP COLUMN published, DROP COLUMN warranty_months, DROP COLUMN version`);
  }
}
