import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SqlParams, TransactionHost } from '@crm/platform';
import { containsPattern, suggestionFragments } from '../../../domain/knowledge-search.js';
import { SuggestKnowledgeArticlesQuery, type ArticleSuggestion } from './suggest-knowledge-articles.query.js';

/**
 * Candidates are the published articles containing a fragment of three characters or more (one
 * GIN index scan per fragment, OR-ed); they are ranked by how many fragments they contain, then by
 * the feedback they earned. An article must contain four fragments, more than one shared phrase of
 * three characters gives (the phrase and its two pairs: 怎么办, 怎么, 么办), or all of them when the
 * text has fewer.
 */
@QueryHandler(SuggestKnowledgeArticlesQuery)
export class SuggestKnowledgeArticlesHandler implements IQueryHandler<SuggestKnowledgeArticlesQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ text, limit }: SuggestKnowledgeArticlesQuery): Promise<ArticleSuggestion[]> {
    const fragments = suggestionFragments(text);
    if (fragments.length === 0) return [];
    const indexed = fragments.filter((fragment) => [...fragment].length >= 3);
    const params = new SqlParams();
    const candidates = (indexed.length ? indexed : fragments).map((fragment) => `a.published_text LIKE ${params.add(containsPattern(fragment))}`);
    const all = params.add(fragments.map(containsPattern));
    const rows = await this.tx.query<ArticleSuggestion>(
      `SELECT c.id, c.revision, r.question, r.answer, c.matches
         FROM (SELECT a.id, a.published_revision AS revision, a.helpful_count - a.not_helpful_count AS score,
                      (SELECT count(*) FROM unnest(${all}::text[]) AS f(pattern) WHERE a.published_text LIKE f.pattern)::int AS matches
                 FROM service_ticket.knowledge_articles a
                WHERE a.status = 'published' AND (${candidates.join(' OR ')})) c
         JOIN service_ticket.knowledge_article_revisions r ON r.article_id = c.id AND r.revision = c.revision
        WHERE c.matches >= ${params.add(Math.min(4, fragments.length))}
        ORDER BY c.matches DESC, c.score DESC, c.id
        LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows;
  }
}
