import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tags with category and weight, per-customer tag counts, groups, and saved segments (CUST-2). */
export class TagsGroupsSegments1732500700000 implements MigrationInterface {
  name = 'TagsGroupsSegments1732500700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer.tags (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        category text NOT NULL,
        weight integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX tags_name_key ON customer.tags (lower(name))`);
    await db.query(`
      CREATE TABLE customer.customer_tags (
        customer_id uuid NOT NULL REFERENCES customer.customers(id),
        tag_id uuid NOT NULL REFERENCES customer.tags(id),
        count integer NOT NULL,
        first_tagged_at timestamptz NOT NULL,
        last_tagged_at timestamptz NOT NULL,
        last_source text NOT NULL,
        PRIMARY KEY (customer_id, tag_id)
      )`);
    await db.query(`CREATE INDEX customer_tags_tag_idx ON customer.customer_tags (tag_id, customer_id)`);
    await db.query(`
      CREATE TABLE customer.groups (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX groups_name_key ON customer.groups (lower(name))`);
    await db.query(`
      CREATE TABLE customer.group_members (
        group_id uuid NOT NULL REFERENCES customer.groups(id),
        customer_id uuid NOT NULL REFERENCES customer.customers(id),
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, customer_id)
      )`);
    await db.query(`CREATE INDEX group_members_customer_idx ON customer.group_members (customer_id)`);
    await db.query(`
      CREATE TABLE customer.segments (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        description text,
        conditions jsonb NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX segments_name_key ON customer.segments (lower(name))`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['segments', 'group_members', 'groups', 'customer_tags', 'tags']) await db.query(`DROP TABLE customer.${table}`);
  }
}
