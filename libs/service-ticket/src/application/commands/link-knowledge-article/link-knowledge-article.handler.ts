import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { KnowledgeErrors } from '../../../domain/knowledge.errors.js';
import { TicketLoader } from '../../ticket-loader.js';
import { LinkKnowledgeArticleCommand } from './link-knowledge-article.command.js';

@CommandHandler(LinkKnowledgeArticleCommand)
export class LinkKnowledgeArticleHandler implements ICommandHandler<LinkKnowledgeArticleCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, ticketId, articleId }: LinkKnowledgeArticleCommand): Promise<{ linked: boolean }> {
    await this.loader.lockVisible({ kind: 'staff', actor }, ticketId);
    // Only what readers can see is linked: a published revision, not archived.
    const article = await this.tx.queryOne(
      `SELECT 1 FROM service_ticket.knowledge_articles WHERE id = $1 AND status <> 'archived' AND published_revision IS NOT NULL`,
      [articleId],
    );
    if (!article) throw KnowledgeErrors.notFound();
    const inserted = await this.tx.execute(
      `INSERT INTO service_ticket.ticket_knowledge_links (ticket_id, article_id, linked_by, linked_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`,
      [ticketId, articleId, actor.id],
    );
    return { linked: inserted.rowCount === 1 };
  }
}
