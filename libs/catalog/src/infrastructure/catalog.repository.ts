import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';

export interface ProductLineRecord {
  id: string;
  code: string;
  name: string;
  headIds: string[];
  version: number;
}

export interface ProductRecord {
  id: string;
  productLineId: string;
  code: string;
  name: string;
}

const LINE_COLUMNS = `id, code, name, head_ids AS "headIds", version`;
const PRODUCT_COLUMNS = `id, product_line_id AS "productLineId", code, name`;

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

  async insertProduct(product: ProductRecord): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO catalog.products (id, product_line_id, code, name) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
      [product.id, product.productLineId, product.code, product.name],
    );
    return result.rowCount === 1;
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
  listProducts(limit: number, afterCode?: string, lineId?: string): Promise<ProductRecord[]> {
    return this.tx.query<ProductRecord>(
      `SELECT ${PRODUCT_COLUMNS} FROM catalog.products
        WHERE ($2::text IS NULL OR code > $2) AND ($3::uuid IS NULL OR product_line_id = $3)
        ORDER BY code LIMIT $1`,
      [limit, afterCode ?? null, lineId ?? null],
    );
  }

  productsByIds(ids: readonly string[]): Promise<ProductRecord[]> {
    return this.tx.query<ProductRecord>(`SELECT ${PRODUCT_COLUMNS} FROM catalog.products WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
