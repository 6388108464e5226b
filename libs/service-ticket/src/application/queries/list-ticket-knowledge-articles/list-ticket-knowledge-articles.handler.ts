import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { TicketReader } from '../ticket-reader.js';
import { ListTicketKnowledgeArticlesQuery, type TicketKnowledgeLinkView } from './list-ticket-knowledge-articles.query.js';

@QueryHandler(ListTicketKnowledgeArticlesQuery)
export class ListTicketKnowledgeArticlesHandler implements IQueryHandler<ListTicketKnowledgeArticlesQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly reader: TicketReader,
  ) {}

  async execute({ actor, ticketId }: ListTicketKnowledgeArticlesQuery): Promise<TicketKnowledgeLinkView[]> {
    await this.reader.assertVisible({ kind: 'staff', actor }, ticketId);
    const rows = await this.tx.query<TicketKnowledgeLinkView & { linkedAt: Date }>(
      `SELECT l.article_id AS "articleId", r.question, l.linked_by AS "linkedBy", l.linked_at AS "linkedAt",
              (SELECT count(*)::int FROM service_ticket.ticket_knowledge_links AS other WHERE other.article_id = l.article_id) AS "ticketCount"
         FROM service_ticket.ticket_knowledge_links AS l
         JOIN service_ticket.knowledge_articles AS a ON a.id = l.article_id
         JOIN service_ticket.knowledge_article_revisions AS r ON r.article_id = a.id AND r.revision = a.published_revision
        WHERE l.ticket_id = $1
        ORDER BY l.linked_at, l.article_id`,
      [ticketId],
    );
    return rows.map((row) => ({ ...row, linkedAt: new Date(row.linkedAt).toISOString() }));
  }
}
