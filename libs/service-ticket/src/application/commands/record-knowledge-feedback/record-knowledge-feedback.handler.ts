import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { KnowledgeErrors } from '../../../domain/knowledge.errors.js';
import { RecordKnowledgeFeedbackCommand, type FeedbackCounts } from './record-knowledge-feedback.command.js';

/** Counts with one atomic UPDATE per vote (no read-modify-write), and keeps every vote as a row. */
@CommandHandler(RecordKnowledgeFeedbackCommand)
export class RecordKnowledgeFeedbackHandler implements ICommandHandler<RecordKnowledgeFeedbackCommand> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ articleId, helpful, userId }: RecordKnowledgeFeedbackCommand): Promise<FeedbackCounts> {
    const row = await this.tx.queryOne<{ helpful_count: number; not_helpful_count: number; published_revision: number }>(
      `UPDATE service_ticket.knowledge_articles
          SET helpful_count = helpful_count + CASE WHEN $2 THEN 1 ELSE 0 END,
              not_helpful_count = not_helpful_count + CASE WHEN $2 THEN 0 ELSE 1 END
        WHERE id = $1 AND status = 'published'
    RETURNING helpful_count, not_helpful_count, published_revision`,
      [articleId, helpful],
    );
    if (!row) throw KnowledgeErrors.notFound();
    await this.tx.query(`INSERT INTO service_ticket.knowledge_feedback (article_id, revision, helpful, user_id, source) VALUES ($1, $2, $3, $4, $5)`, [
      articleId,
      row.published_revision,
      helpful,
      userId,
      userId ? 'staff' : 'public',
    ]);
    return { helpfulCount: row.helpful_count, notHelpfulCount: row.not_helpful_count };
  }
}
