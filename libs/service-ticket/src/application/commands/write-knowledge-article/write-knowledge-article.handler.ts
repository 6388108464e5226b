import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { KnowledgeArticle } from '../../../domain/knowledge-article.aggregate.js';
import { KnowledgeArticleRepository } from '../../../infrastructure/knowledge-article.repository.js';
import { WriteKnowledgeArticleCommand } from './write-knowledge-article.command.js';

@CommandHandler(WriteKnowledgeArticleCommand)
export class WriteKnowledgeArticleHandler implements ICommandHandler<WriteKnowledgeArticleCommand> {
  constructor(private readonly articles: KnowledgeArticleRepository) {}

  async execute({ actor, content }: WriteKnowledgeArticleCommand): Promise<{ articleId: string }> {
    const article = KnowledgeArticle.write({ id: uuidv7(), content, authorId: actor.id, now: new Date() });
    await this.articles.insert(article);
    return { articleId: article.id };
  }
}
