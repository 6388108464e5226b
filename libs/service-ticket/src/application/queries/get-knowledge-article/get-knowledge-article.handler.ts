import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import type { ArticleRevision, ArticleStatus } from '../../../domain/knowledge-article.aggregate.js';
import { KnowledgeErrors } from '../../../domain/knowledge.errors.js';
import { GetKnowledgeArticleQuery, type ArticleView } from './get-knowledge-article.query.js';

const REVISION_JSON = (alias: string) =>
  `json_build_object('revision', ${alias}.revision, 'question', ${alias}.question, 'answer', ${alias}.answer, 'productId', ${alias}.product_id,
                     'ticketTypeId', ${alias}.ticket_type_id, 'tags', ${alias}.tags, 'editedBy', ${alias}.edited_by, 'editedAt', ${alias}.edited_at)`;

interface Row {
  id: string;
  status: ArticleStatus;
  published: ArticleRevision | null;
  draft: ArticleRevision | null;
  helpful_count: number;
  not_helpful_count: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

@QueryHandler(GetKnowledgeArticleQuery)
export class GetKnowledgeArticleHandler implements IQueryHandler<GetKnowledgeArticleQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ articleId, seesDrafts }: GetKnowledgeArticleQuery): Promise<ArticleView> {
    const row = await this.tx.queryOne<Row>(
      `SELECT a.id, a.status, a.helpful_count, a.not_helpful_count, a.created_at, a.updated_at, a.version,
              CASE WHEN p.revision IS NULL THEN NULL ELSE ${REVISION_JSON('p')} END AS published,
              CASE WHEN a.latest_revision IS DISTINCT FROM a.published_revision THEN ${REVISION_JSON('d')} END AS draft
         FROM service_ticket.knowledge_articles a
         JOIN service_ticket.knowledge_article_revisions d ON d.article_id = a.id AND d.revision = a.latest_revision
         LEFT JOIN service_ticket.knowledge_article_revisions p ON p.article_id = a.id AND p.revision = a.published_revision
        WHERE a.id = $1 AND ($2 OR a.status = 'published')`,
      [articleId, seesDrafts],
    );
    if (!row) throw KnowledgeErrors.notFound();
    return {
      id: row.id,
      status: row.status,
      published: row.published && revisionOf(row.published),
      draft: seesDrafts && row.draft ? revisionOf(row.draft) : null,
      helpfulCount: row.helpful_count,
      notHelpfulCount: row.not_helpful_count,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  }
}

function revisionOf(json: ArticleRevision): ArticleRevision {
  return { ...json, editedAt: new Date(json.editedAt) };
}
