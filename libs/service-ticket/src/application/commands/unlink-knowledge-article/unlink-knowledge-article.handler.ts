import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { TicketLoader } from '../../ticket-loader.js';
import { UnlinkKnowledgeArticleCommand } from './unlink-knowledge-article.command.js';

@CommandHandler(UnlinkKnowledgeArticleCommand)
export class UnlinkKnowledgeArticleHandler implements ICommandHandler<UnlinkKnowledgeArticleCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, ticketId, articleId }: UnlinkKnowledgeArticleCommand): Promise<void> {
    await this.loader.lockVisible({ kind: 'staff', actor }, ticketId);
    await this.tx.execute(`DELETE FROM service_ticket.ticket_knowledge_links WHERE ticket_id = $1 AND article_id = $2`, [ticketId, articleId]);
  }
}
