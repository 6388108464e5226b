import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Contacts, their unique phone/e-mail keys, links to customers (with history) and communication records. */
export class ContactSchema1732500600000 implements MigrationInterface {
  name = 'ContactSchema1732500600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS contact`);
    await db.query(`
      CREATE TABLE contact.contacts (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        phones text[] NOT NULL DEFAULT '{}',
        emails text[] NOT NULL DEFAULT '{}',
        wechat_id text,
        title text,
        notes text,
        owner_id uuid NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX contacts_owner_idx ON contact.contacts (owner_id, id DESC)`);
    await db.query(`CREATE INDEX contacts_name_trgm ON contact.contacts USING gin (name gin_trgm_ops)`);
    // One contact per normalised phone or e-mail: editing a phone moves its key, duplicates still caught.
    await db.query(`
      CREATE TABLE contact.identifiers (
        kind text NOT NULL CHECK (kind IN ('phone', 'email')),
        value text NOT NULL,
        contact_id uuid NOT NULL REFERENCES contact.contacts(id),
        PRIMARY KEY (kind, value)
      )`);
    await db.query(`CREATE INDEX identifiers_contact_idx ON contact.identifiers (contact_id)`);
    await db.query(`
      CREATE TABLE contact.links (
        id uuid PRIMARY KEY,
        contact_id uuid NOT NULL REFERENCES contact.contacts(id),
        customer_id uuid NOT NULL,
        role text NOT NULL,
        title text,
        is_primary boolean NOT NULL DEFAULT false,
        started_on date NOT NULL,
        ended_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX links_active_key ON contact.links (contact_id, customer_id) WHERE ended_on IS NULL`);
    await db.query(`CREATE UNIQUE INDEX links_primary_key ON contact.links (customer_id) WHERE ended_on IS NULL AND is_primary`);
    await db.query(`CREATE INDEX links_customer_idx ON contact.links (customer_id, role) WHERE ended_on IS NULL`);
    await db.query(`CREATE INDEX links_contact_idx ON contact.links (contact_id)`);
    await db.query(`
      CREATE TABLE contact.records (
        id uuid PRIMARY KEY,
        contact_id uuid NOT NULL REFERENCES contact.contacts(id),
        customer_id uuid,
        author_id uuid NOT NULL,
        kind text NOT NULL,
        content text NOT NULL,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX records_contact_idx ON contact.records (contact_id, occurred_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA contact CASCADE`);
  }
}
