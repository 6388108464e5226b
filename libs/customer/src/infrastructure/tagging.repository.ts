import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';

export interface TagRecord {
  id: string;
  name: string;
  category: string;
  weight: number;
}

export interface CustomerTagRecord extends TagRecord {
  count: number;
  firstTaggedAt: Date;
  lastTaggedAt: Date;
  lastSource: 'user' | 'rule';
}

/** Tags, groups and segments of the Customer context. */
@Injectable()
export class TaggingRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertTag(tag: TagRecord): Promise<boolean> {
    const result = await this.tx.execute(`INSERT INTO customer.tags (id, name, category, weight) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      tag.id,
      tag.name,
      tag.category,
      tag.weight,
    ]);
    return result.rowCount === 1;
  }

  findTag(id: string): Promise<TagRecord | undefined> {
    return this.tx.queryOne<TagRecord>(`SELECT id, name, category, weight FROM customer.tags WHERE id = $1`, [id]);
  }

  findTagByName(name: string): Promise<TagRecord | undefined> {
    return this.tx.queryOne<TagRecord>(`SELECT id, name, category, weight FROM customer.tags WHERE lower(name) = lower($1)`, [name]);
  }

  listTags(): Promise<TagRecord[]> {
    return this.tx.query<TagRecord>(`SELECT id, name, category, weight FROM customer.tags ORDER BY category, lower(name)`);
  }

  /** Applies a tag; applying it again counts up. Returns the new count. */
  async applyTag(customerId: string, tagId: string, source: 'user' | 'rule'): Promise<number> {
    const row = await this.tx.queryOne<{ count: number }>(
      `INSERT INTO customer.customer_tags (customer_id, tag_id, count, first_tagged_at, last_tagged_at, last_source)
       VALUES ($1, $2, 1, now(), now(), $3)
       ON CONFLICT (customer_id, tag_id) DO UPDATE
          SET count = customer.customer_tags.count + 1, last_tagged_at = now(), last_source = EXCLUDED.last_source
       RETURNING count`,
      [customerId, tagId, source],
    );
    return row!.count;
  }

  async removeTag(customerId: string, tagId: string): Promise<boolean> {
    const result = await this.tx.execute(`DELETE FROM customer.customer_tags WHERE customer_id = $1 AND tag_id = $2`, [customerId, tagId]);
    return result.rowCount === 1;
  }

  tagsOf(customerId: string): Promise<CustomerTagRecord[]> {
    return this.tx.query<CustomerTagRecord>(
      `SELECT t.id, t.name, t.category, t.weight, ct.count, ct.first_tagged_at AS "firstTaggedAt", ct.last_tagged_at AS "lastTaggedAt",
              ct.last_source AS "lastSource"
         FROM customer.customer_tags ct JOIN customer.tags t ON t.id = ct.tag_id
        WHERE ct.customer_id = $1 ORDER BY t.category, lower(t.name)`,
      [customerId],
    );
  }

  /** Follow-ups of a customer in the window ending at `until`. */
  async followUpsBetween(customerId: string, since: Date, until: Date): Promise<number> {
    const row = await this.tx.queryOne<{ n: number }>(
      `SELECT count(*)::int AS n FROM customer.follow_ups WHERE customer_id = $1 AND occurred_at > $2 AND occurred_at <= $3`,
      [customerId, since, until],
    );
    return row?.n ?? 0;
  }

  async insertGroup(group: { id: string; name: string; createdBy: string }): Promise<boolean> {
    const result = await this.tx.execute(`INSERT INTO customer.groups (id, name, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      group.id,
      group.name,
      group.createdBy,
    ]);
    return result.rowCount === 1;
  }

  findGroup(id: string): Promise<{ id: string; name: string } | undefined> {
    return this.tx.queryOne(`SELECT id, name FROM customer.groups WHERE id = $1`, [id]);
  }

  /** Groups by name (case-insensitive, unique), `limit` after the name `after`. */
  listGroups(limit: number, after?: string): Promise<{ id: string; name: string; members: number; sortKey: string }[]> {
    return this.tx.query(
      `SELECT g.id, g.name, lower(g.name) AS "sortKey",
              (SELECT count(*)::int FROM customer.group_members m WHERE m.group_id = g.id) AS members
         FROM customer.groups g
        WHERE $2::text IS NULL OR lower(g.name) > $2
        ORDER BY lower(g.name) LIMIT $1`,
      [limit, after ?? null],
    );
  }

  async addMembers(groupId: string, customerIds: readonly string[], by: string): Promise<string[]> {
    const rows = await this.tx.query<{ customer_id: string }>(
      `INSERT INTO customer.group_members (group_id, customer_id, added_by) SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT DO NOTHING RETURNING customer_id`,
      [groupId, customerIds, by],
    );
    return rows.map((row) => row.customer_id);
  }

  async removeMember(groupId: string, customerId: string): Promise<boolean> {
    const result = await this.tx.execute(`DELETE FROM customer.group_members WHERE group_id = $1 AND customer_id = $2`, [groupId, customerId]);
    return result.rowCount === 1;
  }

  async insertSegment(segment: { id: string; name: string; description: string | null; conditions: unknown; createdBy: string }): Promise<boolean> {
    const result = await this.tx.execute(
      `INSERT INTO customer.segments (id, name, description, conditions, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [segment.id, segment.name, segment.description, JSON.stringify(segment.conditions), segment.createdBy],
    );
    return result.rowCount === 1;
  }

  findSegment(id: string) {
    return this.tx.queryOne<{ id: string; name: string; description: string | null; conditions: unknown; createdBy: string; createdAt: Date }>(
      `SELECT id, name, description, conditions, created_by AS "createdBy", created_at AS "createdAt" FROM customer.segments WHERE id = $1`,
      [id],
    );
  }

  listSegments() {
    return this.tx.query<{ id: string; name: string; description: string | null; conditions: unknown; createdBy: string; createdAt: Date }>(
      `SELECT id, name, description, conditions, created_by AS "createdBy", created_at AS "createdAt" FROM customer.segments ORDER BY lower(name)`,
    );
  }
}
