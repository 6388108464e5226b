import type { MigrationInterface, QueryRunner } from 'typeorm';

const GRANTS: Record<string, string[]> = {
  admin: ['knowledge:read', 'knowledge:manage'],
  'service-agent': ['knowledge:read', 'knowledge:manage'],
  'line-head': ['knowledge:read', 'knowledge:manage'],
  'sales-manager': ['knowledge:read'],
  'sales-rep': ['knowledge:read'],
  marketing: ['knowledge:read'],
  finance: ['knowledge:read'],
};

/**
 * The knowledge base [知识库]: articles with every revision kept, the normalised text of the
 * latest and of the published revision (pg_trgm GIN indexes: substring search in Chinese),
 * helpful / not helpful feedback, and the counters rate-limiting the public suggestions.
 */
export class KnowledgeBase1732506500000 implements MigrationInterface {
  name = 'KnowledgeBase1732506500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS service_ticket`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE service_ticket.knowledge_articles (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
        latest_revision integer NOT NULL,
        published_revision integer,
        working_text text NOT NULL,
        published_text text,
        helpful_count integer NOT NULL DEFAULT 0,
        not_helpful_count integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await db.query(`CREATE INDEX knowledge_articles_keyset ON service_ticket.knowledge_articles (updated_at DESC, id DESC)`);
    await db.query(`CREATE INDEX knowledge_articles_working_trgm ON service_ticket.knowledge_articles USING gin (working_text gin_trgm_ops)`);
    await db.query(
      `CREATE INDEX knowledge_articles_published_trgm ON service_ticket.knowledge_articles USING gin (published_text gin_trgm_ops) WHERE published_text IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE service_ticket.knowledge_article_revisions (
        article_id uuid NOT NULL REFERENCES service_ticket.knowledge_articles (id),
        revision integer NOT NULL,
        question text NOT NULL,
        answer text NOT NULL,
        product_id uuid,
        ticket_type_id uuid,
        tags text[] NOT NULL DEFAULT '{}',
        edited_by uuid NOT NULL,
        edited_at timestamptz NOT NULL,
        PRIMARY KEY (article_id, revision)
      )`);
    await db.query(`
      CREATE TABLE service_ticket.knowledge_feedback (
        id bigserial PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES service_ticket.knowledge_articles (id),
        revision integer NOT NULL,
        helpful boolean NOT NULL,
        user_id uuid,
        source text NOT NULL CHECK (source IN ('staff', 'public')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX knowledge_feedback_article ON service_ticket.knowledge_feedback (article_id, id)`);
    // rate-limiter-flexible's PostgreSQL store: key, points used, expiry in epoch ms.
    await db.query(`
      CREATE TABLE service_ticket.knowledge_public_requests (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX knowledge_public_requests_expire ON service_ticket.knowledge_public_requests (expire)`);

    for (const [role, permissions] of Object.entries(GRANTS)) {
      await db.query(
        `UPDATE identity.roles
            SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || $2::text[]) AS p ORDER BY p),
                version = version + 1, updated_at = now()
          WHERE key = $1`,
        [role, permissions],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE identity.roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p WHERE p NOT LIKE 'knowledge:%' ORDER BY p)`);
    await db.query(
      `DROP TABLE service_ticket.knowledge_public_requests, service_ticket.knowledge_feedback, service_ticket.knowledge_article_revisions, service_ticket.knowledge_articles`,
    );
  }
}
