import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { KnowledgeErrors } from '../../../domain/knowledge.errors.js';
import { KnowledgeArticleRepository } from '../../../infrastructure/knowledge-article.repository.js';
import { ChangeKnowledgeArticleStatusCommand } from './change-knowledge-article-status.command.js';

@CommandHandler(ChangeKnowledgeArticleStatusCommand)
export class ChangeKnowledgeArticleStatusHandler implements ICommandHandler<ChangeKnowledgeArticleStatusCommand> {
  constructor(private readonly articles: KnowledgeArticleRepository) {}

  async execute({ articleId, action, ifMatch }: ChangeKnowledgeArticleStatusCommand): Promise<{ version: number }> {
    const article = await this.articles.findForUpdate(articleId);
    if (!article) throw KnowledgeErrors.notFound();
    const loaded = article.version;
    assertIfMatch('knowledge article', ifMatch, loaded);
    if (action === 'publish') article.publish(new Date());
    else article.archive(new Date());
    await assertSaved(await this.articles.update(article, loaded), 'knowledge article', ifMatch, () => this.articles.currentVersion(articleId));
    return { version: article.version };
  }
}
