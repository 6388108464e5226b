/**
 * The ServiceTicket context's public surface for tickets: their events (see openapi/asyncapi.yaml)
 * the escalation [升级] other parts (the SLA scan) send on a warning or breach, and the command that
 * adds a ticket type (demo data).
 */
export { CreateTicketTypeCommand } from '../application/commands/create-ticket-type/create-ticket-type.command.js';
export { EscalateTicketCommand, type EscalateTicketInput } from '../application/commands/escalate-ticket/escalate-ticket.command.js';
export {
  TicketEvents,
  type TicketRefV1,
  type TicketCreatedV1,
  type TicketStatusChangedV1,
  type TicketAssignedV1,
  type TicketEscalatedV1,
  type TicketTransferredV1,
  type WorkOrderEventV1,
} from './events.js';
// Knowledge base [知识库]: its events, and writing and publishing an article (demo data)
export { KnowledgeEvents, type KnowledgeArticlePublishedV1 } from './knowledge-events.js';
export { WriteKnowledgeArticleCommand } from '../application/commands/write-knowledge-article/write-knowledge-article.command.js';
export { ChangeKnowledgeArticleStatusCommand } from '../application/commands/change-knowledge-article-status/change-knowledge-article-status.command.js';
// Business calendars and SLA: their events, and saving a policy (demo data)
export { SlaEvents, type SlaClockEventV1 } from './sla-events.js';
export { SaveSlaPolicyCommand } from '../application/commands/save-sla-policy/save-sla-policy.command.js';
