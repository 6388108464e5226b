// Knowledge base [知识库]
export { KnowledgeEvents, type KnowledgeArticlePublishedV1 } from './knowledge-events.js';
