import { defineEvent } from '@crm/kernel';

/** What a published knowledge article [知识库文章] says, as other contexts and webhooks see it. */
export interface KnowledgeArticlePublishedV1 {
  articleId: string;
  /** The revision now shown to readers (1, 2, …). */
  revision: number;
  question: string;
  productId: string | null;
  ticketTypeId: string | null;
  tags: string[];
}

/** Events of the knowledge base [知识库], declared once. */
export const KnowledgeEvents = {
  articlePublished: defineEvent<KnowledgeArticlePublishedV1>('knowledge.article-published', 1, {
    aggregateType: 'knowledge-article',
    description: 'A knowledge article [知识库文章] revision was published: readers and self-service suggestions now show it.',
  }),
  articleArchived: defineEvent<{ articleId: string; revision: number | null }>('knowledge.article-archived', 1, {
    aggregateType: 'knowledge-article',
    description: 'A knowledge article was archived [归档]: no longer shown to readers or suggested.',
  }),
};
