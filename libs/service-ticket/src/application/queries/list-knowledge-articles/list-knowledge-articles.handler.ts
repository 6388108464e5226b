import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, SqlParams, toPage, TransactionHost, type Page } from '@crm/platform';
import type { ArticleStatus } from '../../../domain/knowledge-article.aggregate.js';
import { containsPattern } from '../../../domain/knowledge-search.js';
import { ListKnowledgeArticlesQuery, type ArticleFilters, type ArticleListItem } from './list-knowledge-articles.query.js';

interface Row {
  id: string;
  status: ArticleStatus;
  revision: number;
  question: string;
  answer: string;
  product_id: string | null;
  ticket_type_id: string | null;
  tags: string[];
  has_draft: boolean;
  helpful_count: number;
  not_helpful_count: number;
  updated_at: Date;
}

/** The statement a page of articles is read with (also sent directly by the benchmark). */
export function knowledgeListStatement(
  filters: ArticleFilters,
  seesDrafts: boolean,
  limit: number,
  after: (string | number)[] | undefined,
): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const where: string[] = [];
  const textColumn = seesDrafts ? 'a.working_text' : 'a.published_text';
  if (!seesDrafts) where.push(`a.status = 'published'`);
  if (filters.status) where.push(`a.status = ${params.add(filters.status)}`);
  if (filters.q) where.push(`${textColumn} LIKE ${params.add(containsPattern(filters.q))}`);
  if (filters.productId) where.push(`r.product_id = ${params.add(filters.productId)}`);
  if (filters.ticketTypeId) where.push(`r.ticket_type_id = ${params.add(filters.ticketTypeId)}`);
  if (filters.tag) where.push(`${params.add(filters.tag)} = ANY(r.tags)`);
  if (after) where.push(`(a.updated_at, a.id) < (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)`);
  const text = `SELECT a.id, a.status, r.revision, r.question, r.answer, r.product_id, r.ticket_type_id, r.tags,
              ${seesDrafts ? 'a.latest_revision IS DISTINCT FROM a.published_revision' : 'false'} AS has_draft,
              a.helpful_count, a.not_helpful_count, a.updated_at
         FROM service_ticket.knowledge_articles a
         JOIN service_ticket.knowledge_article_revisions r
           ON r.article_id = a.id AND r.revision = ${seesDrafts ? 'a.latest_revision' : 'a.published_revision'}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.updated_at DESC, a.id DESC
        LIMIT ${params.add(limit + 1)}`;
  return { text, values: params.values };
}

/**
 * Readers search the published text, editors the latest revision's; both by `LIKE '%…%'` on the
 * normalised text, which the pg_trgm GIN indexes serve for three characters or more.
 */
@QueryHandler(ListKnowledgeArticlesQuery)
export class ListKnowledgeArticlesHandler implements IQueryHandler<ListKnowledgeArticlesQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ filters, seesDrafts, limit, cursor }: ListKnowledgeArticlesQuery): Promise<Page<ArticleListItem>> {
    const statement = knowledgeListStatement(filters, seesDrafts, limit, decodeCursor(cursor, ['timestamp', 'uuid']));
    const rows = await this.tx.query<Row>(statement.text, statement.values);
    return toPage(
      rows,
      limit,
      (row) => [row.updated_at.toISOString(), row.id],
      (row) => ({
        id: row.id,
        status: row.status,
        revision: row.revision,
        question: row.question,
        answer: row.answer,
        productId: row.product_id,
        ticketTypeId: row.ticket_type_id,
        tags: row.tags,
        hasDraft: row.has_draft,
        helpfulCount: row.helpful_count,
        notHelpfulCount: row.not_helpful_count,
        updatedAt: row.updated_at,
      }),
    );
  }
}
