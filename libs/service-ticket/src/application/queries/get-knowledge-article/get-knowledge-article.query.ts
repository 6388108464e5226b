import { Query } from '@nestjs/cqrs';
import type { ArticleRevision, ArticleStatus } from '../../../domain/knowledge-article.aggregate.js';

export interface ArticleView {
  id: string;
  status: ArticleStatus;
  /** What readers see; null before the first publication and once archived (for readers). */
  published: ArticleRevision | null;
  /** The draft waiting to be published; shown only to those who maintain the knowledge base. */
  draft: ArticleRevision | null;
  helpfulCount: number;
  notHelpfulCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** One article: readers see only a published one, editors also drafts and archived ones. */
export class GetKnowledgeArticleQuery extends Query<ArticleView> {
  constructor(
    readonly articleId: string,
    readonly seesDrafts: boolean,
  ) {
    super();
  }
}
