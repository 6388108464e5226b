import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { KnowledgeErrors } from '../../../domain/knowledge.errors.js';
import { KnowledgeArticleRepository } from '../../../infrastructure/knowledge-article.repository.js';
import { ReviseKnowledgeArticleCommand } from './revise-knowledge-article.command.js';

@CommandHandler(ReviseKnowledgeArticleCommand)
export class ReviseKnowledgeArticleHandler implements ICommandHandler<ReviseKnowledgeArticleCommand> {
  constructor(private readonly articles: KnowledgeArticleRepository) {}

  async execute({ actor, articleId, changes, ifMatch }: ReviseKnowledgeArticleCommand): Promise<{ version: number }> {
    const article = await this.articles.findForUpdate(articleId);
    if (!article) throw KnowledgeErrors.notFound();
    const loaded = article.version;
    assertIfMatch('knowledge article', ifMatch, loaded);
    article.revise(changes, actor.id, new Date());
    await assertSaved(await this.articles.update(article, loaded), 'knowledge article', ifMatch, () => this.articles.currentVersion(articleId));
    return { version: article.version };
  }
}
