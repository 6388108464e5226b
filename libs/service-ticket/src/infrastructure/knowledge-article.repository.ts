import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { KnowledgeArticle, type ArticleRevision, type ArticleStatus, type KnowledgeArticleState } from '../domain/knowledge-article.aggregate.js';
import { articleSearchText } from '../domain/knowledge-search.js';

interface ArticleRow {
  id: string;
  status: ArticleStatus;
  published_revision: number | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  revision: number;
  question: string;
  answer: string;
  product_id: string | null;
  ticket_type_id: string | null;
  tags: string[];
  edited_by: string;
  edited_at: Date;
}

/** Articles and their revisions, in the caller's transaction. */
@Injectable()
export class KnowledgeArticleRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  async findForUpdate(id: string): Promise<KnowledgeArticle | undefined> {
    const row = await this.tx.queryOne<ArticleRow>(
      `SELECT a.id, a.status, a.published_revision, a.created_by, a.created_at, a.updated_at, a.version,
              r.revision, r.question, r.answer, r.product_id, r.ticket_type_id, r.tags, r.edited_by, r.edited_at
         FROM service_ticket.knowledge_articles a
         JOIN service_ticket.knowledge_article_revisions r ON r.article_id = a.id AND r.revision = a.latest_revision
        WHERE a.id = $1
          FOR UPDATE OF a`,
      [id],
    );
    if (!row) return undefined;
    const latest: ArticleRevision = {
      revision: row.revision,
      question: row.question,
      answer: row.answer,
      productId: row.product_id,
      ticketTypeId: row.ticket_type_id,
      tags: row.tags,
      editedBy: row.edited_by,
      editedAt: row.edited_at,
    };
    return KnowledgeArticle.rehydrate({
      id: row.id,
      status: row.status,
      latest,
      publishedRevision: row.published_revision,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    });
  }

  async insert(article: KnowledgeArticle): Promise<void> {
    const state = article.snapshot();
    await this.tx.query(
      `INSERT INTO service_ticket.knowledge_articles (id, status, latest_revision, published_revision, working_text, published_text, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9)`,
      [
        state.id,
        state.status,
        state.latest.revision,
        state.publishedRevision,
        articleSearchText(state.latest),
        state.createdBy,
        state.createdAt,
        state.updatedAt,
        state.version,
      ],
    );
    await this.saveRevision(state);
    this.uow.track(article);
  }

  /** Saves the article and its latest revision; false when someone else saved it since `loadedVersion`. */
  async update(article: KnowledgeArticle, loadedVersion: number): Promise<boolean> {
    const state = article.snapshot();
    await this.saveRevision(state);
    const updated = await this.tx.execute(
      `UPDATE service_ticket.knowledge_articles
          SET status = $2, latest_revision = $3, published_revision = $4, working_text = $5,
              published_text = CASE WHEN $2 = 'archived' THEN NULL
                                    WHEN $4::int = $3::int THEN $5
                                    ELSE published_text END,
              updated_at = $6, version = $7
        WHERE id = $1 AND version = $8`,
      [state.id, state.status, state.latest.revision, state.publishedRevision, articleSearchText(state.latest), state.updatedAt, state.version, loadedVersion],
    );
    if (updated.rowCount !== 1) return false;
    this.uow.track(article);
    return true;
  }

  async currentVersion(id: string): Promise<number | undefined> {
    return (await this.tx.queryOne<{ version: number }>(`SELECT version FROM service_ticket.knowledge_articles WHERE id = $1`, [id]))?.version;
  }

  private async saveRevision(state: KnowledgeArticleState): Promise<void> {
    const { latest } = state;
    await this.tx.query(
      `INSERT INTO service_ticket.knowledge_article_revisions (article_id, revision, question, answer, product_id, ticket_type_id, tags, edited_by, edited_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (article_id, revision) DO UPDATE
          SET question = EXCLUDED.question, answer = EXCLUDED.answer, product_id = EXCLUDED.product_id,
              ticket_type_id = EXCLUDED.ticket_type_id, tags = EXCLUDED.tags, edited_by = EXCLUDED.edited_by, edited_at = EXCLUDED.edited_at`,
      [state.id, latest.revision, latest.question, latest.answer, latest.productId, latest.ticketTypeId, latest.tags, latest.editedBy, latest.editedAt],
    );
  }
}
