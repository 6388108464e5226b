import { Command } from '@nestjs/cqrs';

/** Publishes the draft [发布] or archives the article [归档]. */
export class ChangeKnowledgeArticleStatusCommand extends Command<{ version: number }> {
  constructor(
    readonly articleId: string,
    readonly action: 'publish' | 'archive',
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
