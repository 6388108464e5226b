import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { ArticleStatus } from '../../../domain/knowledge-article.aggregate.js';

export interface ArticleListItem {
  id: string;
  status: ArticleStatus;
  /** The revision shown: the published one to readers, the latest (draft included) to editors. */
  revision: number;
  question: string;
  answer: string;
  productId: string | null;
  ticketTypeId: string | null;
  tags: string[];
  /** A newer draft waits to be published (editors only; false for readers). */
  hasDraft: boolean;
  helpfulCount: number;
  notHelpfulCount: number;
  updatedAt: Date;
}

export interface ArticleFilters {
  q?: string;
  status?: ArticleStatus;
  productId?: string;
  ticketTypeId?: string;
  tag?: string;
}

/** Articles, most recently changed first, searched by substring in Chinese [知识搜索]. */
export class ListKnowledgeArticlesQuery extends Query<Page<ArticleListItem>> {
  constructor(
    readonly filters: ArticleFilters,
    readonly seesDrafts: boolean,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
