import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Knowledge articles linked to the tickets they helped solve [关联知识], and how often each article was used. */
export class TicketKnowledgeLinks1732508000000 implements MigrationInterface {
  name = 'TicketKnowledgeLinks1732508000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_ticket.ticket_knowledge_links (
        ticket_id uuid NOT NULL,
        article_id uuid NOT NULL REFERENCES service_ticket.knowledge_articles (id),
        linked_by uuid NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, article_id)
      )`);
    await db.query(`CREATE INDEX ticket_knowledge_links_article_idx ON service_ticket.ticket_knowledge_links (article_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE service_ticket.ticket_knowledge_links`);
  }
}
