import { DomainError, NotFoundError } from '@crm/kernel';

export const KnowledgeErrors = {
  notFound: () => new NotFoundError('KNOWLEDGE.NOT_FOUND', 'No such knowledge article.'),
  archived: () => new DomainError('KNOWLEDGE.ARCHIVED', 'conflict', 'The article is archived [已归档]; it can no longer change.'),
  nothingToPublish: () => new DomainError('KNOWLEDGE.NOTHING_TO_PUBLISH', 'conflict', 'The article has no draft to publish: revise it first.'),
};
