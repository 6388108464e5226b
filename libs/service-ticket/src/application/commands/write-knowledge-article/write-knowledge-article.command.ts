import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ArticleContent } from '../../../domain/knowledge-article.aggregate.js';

/** A new knowledge article [新建知识], as a draft. */
export class WriteKnowledgeArticleCommand extends Command<{ articleId: string }> {
  constructor(
    readonly actor: Actor,
    readonly content: ArticleContent,
  ) {
    super();
  }
}
