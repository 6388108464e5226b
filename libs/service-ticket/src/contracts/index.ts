// Knowledge base [知识库]
export { KnowledgeEvents, type KnowledgeArticlePublishedV1 } from './knowledge-events.js';
// Business calendars and SLA
export { SlaEvents, type SlaClockEventV1 } from './sla-events.js';
