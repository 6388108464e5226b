import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { PriceEntry, PriceListNode } from '../domain/price-resolution.js';

export interface ProductLineRecord {
  id: string;
  code: string;
  name: string;
  headIds: string[];
  version: number;
}

export type ChildKind = 'gift' | 'bundle';

export interface ProductChild {
  productId: string;
  kind: ChildKind;
  quantity: string;
}

export interface ProductRecord {
  id: string;
  productLineId: string;
  code: string;
  name: string;
  unit: string;
  published: boolean;
  warrantyMonths: number;
  /** Child products [子产品] added with it to an order: gifts at no price, bundles priced. */
  children: ProductChild[];
  version: number;
}

export interface PriceListRecord extends PriceListNode {
  version: number;
}

export interface PriceEntryRecord extends PriceEntry {
  active: boolean;
  createdAt: Date;
  deactivatedAt: Date | null;
}

const LINE_COLUMNS = `id, code, name, head_ids AS "headIds", version`;
const PRODUCT_COLUMNS = `p.id, p.product_line_id AS "productLineId", p.code, p.name, p.unit, p.published, p.warranty_months AS "warrantyMonths", p.version,
  COALESCE((SELECT json_agg(json_build_object('productId', c.child_id, 'kind', c.kind, 'quantity', c.quantity::text) ORDER BY c.position)
    FROM catalog.product_children c WHERE c.parent_id = p.id), '[]'::json) AS children`;
const LIST_COLUMNS = `id, name, currency, valid_from::text AS "validFrom", valid_to::text AS "validTo", parent_id AS "parentId", version`;
const ENTRY_COLUMNS = `id, price_list_id AS "priceListId", product_id AS "productId", unit_price::text AS "unitPrice",
  valid_from::text AS "validFrom", valid_to::text AS "validTo", active, created_at AS "createdAt", deactivated_at AS "deactivatedAt"`;

function withQuantities(product: ProductRecord): ProductRecord {
  // numeric(18,4) as text keeps trailing zeros; a quantity reads "1", not "1.0000".
  return { ...product, children: product.children.map((child) => ({ ...child, quantity: trim(child.quantity) })) };
}

function trim(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/0+$/, '').replace(/\.$/, '') : quantity;
}

@Injectable()
export class CatalogRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertLine(line: Omit<ProductLineRecord, 'version'>): Promise<boolean> {
    const result = await this.tx.execute(`INSERT INTO catalog.product_lines (id, code, name, head_ids) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`, [
      line.id,
      line.code,
      line.name,
      line.headIds,
    ]);
    return result.rowCount === 1;
  }

  async insertProduct(product: Omit<ProductRecord, 'version'>): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO catalog.products (id, product_line_id, code, name, unit, published, warranty_months) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (code) DO NOTHING`,
      [product.id, product.productLineId, product.code, product.name, product.unit, product.published, product.warrantyMonths],
    );
    if (result.rowCount !== 1) return false;
    for (const [position, child] of product.children.entries()) {
      await this.tx.execute(`INSERT INTO catalog.product_children (parent_id, child_id, kind, quantity, position) VALUES ($1, $2, $3, $4, $5)`, [
        product.id,
        child.productId,
        child.kind,
        child.quantity,
        position,
      ]);
    }
    return true;
  }

  async setPublished(id: string, published: boolean, expectedVersion?: number): Promise<ProductRecord | undefined> {
    const row = await this.tx.queryOne<{ id: string }>(
      `UPDATE catalog.products SET published = $2, version = version + 1 WHERE id = $1 AND ($3::int IS NULL OR version = $3) RETURNING id`,
      [id, published, expectedVersion ?? null],
    );
    return row ? this.findProduct(id) : undefined;
  }

  async setHeads(lineId: string, headIds: string[], expectedVersion?: number): Promise<ProductLineRecord | undefined> {
    return this.tx.queryOne<ProductLineRecord>(
      `UPDATE catalog.product_lines SET head_ids = $2, version = version + 1
        WHERE id = $1 AND ($3::int IS NULL OR version = $3) RETURNING ${LINE_COLUMNS}`,
      [lineId, headIds, expectedVersion ?? null],
    );
  }

  findLine(id: string): Promise<ProductLineRecord | undefined> {
    return this.tx.queryOne<ProductLineRecord>(`SELECT ${LINE_COLUMNS} FROM catalog.product_lines WHERE id = $1`, [id]);
  }

  listLines(): Promise<ProductLineRecord[]> {
    return this.tx.query<ProductLineRecord>(`SELECT ${LINE_COLUMNS} FROM catalog.product_lines ORDER BY code`);
  }

  linesByIds(ids: readonly string[]): Promise<ProductLineRecord[]> {
    return this.tx.query<ProductLineRecord>(`SELECT ${LINE_COLUMNS} FROM catalog.product_lines WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Products by code (unique, indexed), `limit` after the code `afterCode`; of one line when given. */
  async listProducts(limit: number, afterCode?: string, lineId?: string): Promise<ProductRecord[]> {
    const rows = await this.tx.query<ProductRecord>(
      `SELECT ${PRODUCT_COLUMNS} FROM catalog.products p
        WHERE ($2::text IS NULL OR p.code > $2) AND ($3::uuid IS NULL OR p.product_line_id = $3)
        ORDER BY p.code LIMIT $1`,
      [limit, afterCode ?? null, lineId ?? null],
    );
    return rows.map(withQuantities);
  }

  async findProduct(id: string): Promise<ProductRecord | undefined> {
    const [product] = await this.productsByIds([id]);
    return product;
  }

  async productsByIds(ids: readonly string[]): Promise<ProductRecord[]> {
    const rows = await this.tx.query<ProductRecord>(`SELECT ${PRODUCT_COLUMNS} FROM catalog.products p WHERE p.id = ANY($1::uuid[])`, [ids]);
    return rows.map(withQuantities);
  }

  async insertPriceList(list: Omit<PriceListRecord, 'version'>): Promise<void> {
    await this.tx.execute(`INSERT INTO catalog.price_lists (id, name, currency, valid_from, valid_to, parent_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      list.id,
      list.name,
      list.currency,
      list.validFrom,
      list.validTo,
      list.parentId,
    ]);
  }

  findPriceList(id: string): Promise<PriceListRecord | undefined> {
    return this.tx.queryOne<PriceListRecord>(`SELECT ${LIST_COLUMNS} FROM catalog.price_lists WHERE id = $1`, [id]);
  }

  /** The list and every ancestor (recursive, bounded), in any order. */
  priceListWithAncestors(id: string): Promise<PriceListRecord[]> {
    return this.tx.query<PriceListRecord>(
      `WITH RECURSIVE chain AS (
         SELECT l.*, 1 AS depth FROM catalog.price_lists l WHERE l.id = $1
         UNION ALL
         SELECT p.*, chain.depth + 1 FROM catalog.price_lists p JOIN chain ON p.id = chain.parent_id WHERE chain.depth < 10
       ) SELECT DISTINCT ${LIST_COLUMNS} FROM chain`,
      [id],
    );
  }

  listPriceLists(limit: number, afterId?: string): Promise<PriceListRecord[]> {
    return this.tx.query<PriceListRecord>(`SELECT ${LIST_COLUMNS} FROM catalog.price_lists WHERE ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $1`, [
      limit,
      afterId ?? null,
    ]);
  }

  async insertEntry(entry: PriceEntry): Promise<void> {
    await this.tx.execute(
      `INSERT INTO catalog.price_list_entries (id, price_list_id, product_id, unit_price, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.id, entry.priceListId, entry.productId, entry.unitPrice, entry.validFrom, entry.validTo],
    );
  }

  entriesOf(priceListId: string): Promise<PriceEntryRecord[]> {
    return this.tx.query<PriceEntryRecord>(
      `SELECT ${ENTRY_COLUMNS} FROM catalog.price_list_entries WHERE price_list_id = $1 ORDER BY product_id, valid_from NULLS FIRST, id`,
      [priceListId],
    );
  }

  /** Active entries of the given lists for the given products: what price resolution reads. */
  activeEntries(priceListIds: readonly string[], productIds: readonly string[]): Promise<PriceEntryRecord[]> {
    return this.tx.query<PriceEntryRecord>(
      `SELECT ${ENTRY_COLUMNS} FROM catalog.price_list_entries WHERE active AND price_list_id = ANY($1::uuid[]) AND product_id = ANY($2::uuid[])`,
      [priceListIds, productIds],
    );
  }

  /** Deactivates an entry (never deletes it: orders name it in their price trace); false when there is none. */
  async deactivateEntry(priceListId: string, entryId: string): Promise<boolean> {
    const row = await this.tx.queryOne(
      `UPDATE catalog.price_list_entries SET active = false, deactivated_at = COALESCE(deactivated_at, now())
        WHERE id = $1 AND price_list_id = $2 RETURNING id`,
      [entryId, priceListId],
    );
    return row !== undefined;
  }
}
