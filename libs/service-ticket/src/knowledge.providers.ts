import type { Provider, Type } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { ChangeKnowledgeArticleStatusHandler } from './application/commands/change-knowledge-article-status/change-knowledge-article-status.handler.js';
import { RecordKnowledgeFeedbackHandler } from './application/commands/record-knowledge-feedback/record-knowledge-feedback.handler.js';
import { ReviseKnowledgeArticleHandler } from './application/commands/revise-knowledge-article/revise-knowledge-article.handler.js';
import { WriteKnowledgeArticleHandler } from './application/commands/write-knowledge-article/write-knowledge-article.handler.js';
import { GetKnowledgeArticleHandler } from './application/queries/get-knowledge-article/get-knowledge-article.handler.js';
import { ListKnowledgeArticlesHandler } from './application/queries/list-knowledge-articles/list-knowledge-articles.handler.js';
import { SuggestKnowledgeArticlesHandler } from './application/queries/suggest-knowledge-articles/suggest-knowledge-articles.handler.js';
import { KnowledgeArticlesController } from './http/knowledge-articles.controller.js';
import { PublicKnowledgeRateLimitGuard } from './http/public-knowledge-rate-limit.guard.js';
import { KnowledgeArticleRepository } from './infrastructure/knowledge-article.repository.js';
import { KNOWLEDGE_PERMISSIONS } from './knowledge.permissions.js';
import './knowledge.messages.js';

/** The knowledge base [知识库]: controllers and providers, composed by ServiceTicketModule. */
export const KNOWLEDGE_CONTROLLERS: Type[] = [KnowledgeArticlesController];
export const KNOWLEDGE_PROVIDERS: Provider[] = [
  providePermissions(KNOWLEDGE_PERMISSIONS),
  KnowledgeArticleRepository,
  PublicKnowledgeRateLimitGuard,
  WriteKnowledgeArticleHandler,
  ReviseKnowledgeArticleHandler,
  ChangeKnowledgeArticleStatusHandler,
  RecordKnowledgeFeedbackHandler,
  GetKnowledgeArticleHandler,
  ListKnowledgeArticlesHandler,
  SuggestKnowledgeArticlesHandler,
];
