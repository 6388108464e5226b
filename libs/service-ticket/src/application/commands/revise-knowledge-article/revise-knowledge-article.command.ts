import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ArticleContent } from '../../../domain/knowledge-article.aggregate.js';

/** Edits an article's draft, or starts a new draft revision of a published one [修订]. */
export class ReviseKnowledgeArticleCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly articleId: string,
    readonly changes: Partial<ArticleContent>,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
