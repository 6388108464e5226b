import type { Provider, Type } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { AddTicketRecordHandler } from './application/commands/add-ticket-record/add-ticket-record.handler.js';
import { AssignTicketHandler } from './application/commands/assign-ticket/assign-ticket.handler.js';
import { ChangeTicketStatusHandler } from './application/commands/change-ticket-status/change-ticket-status.handler.js';
import { CreateTicketTypeHandler } from './application/commands/create-ticket-type/create-ticket-type.handler.js';
import { EscalateTicketHandler } from './application/commands/escalate-ticket/escalate-ticket.handler.js';
import { FileTicketHandler } from './application/commands/file-ticket/file-ticket.handler.js';
import { GrabTicketHandler } from './application/commands/grab-ticket/grab-ticket.handler.js';
import { OverrideEligibilityHandler } from './application/commands/override-eligibility/override-eligibility.handler.js';
import { RateTicketHandler } from './application/commands/rate-ticket/rate-ticket.handler.js';
import { ReplaceAssignmentRulesHandler } from './application/commands/replace-assignment-rules/replace-assignment-rules.handler.js';
import { SetAgentCapacityHandler } from './application/commands/set-agent-capacity/set-agent-capacity.handler.js';
import { TransferTicketHandler } from './application/commands/transfer-ticket/transfer-ticket.handler.js';
import { UpdateTicketTypeHandler } from './application/commands/update-ticket-type/update-ticket-type.handler.js';
import { GetAssignmentRulesHandler } from './application/queries/get-assignment-rules/get-assignment-rules.handler.js';
import { GetStatusHistoryHandler } from './application/queries/get-status-history/get-status-history.handler.js';
import { GetTicketHandler } from './application/queries/get-ticket/get-ticket.handler.js';
import { ListAgentsHandler } from './application/queries/list-agents/list-agents.handler.js';
import { ListTicketRecordsHandler } from './application/queries/list-ticket-records/list-ticket-records.handler.js';
import { ListTicketTypesHandler } from './application/queries/list-ticket-types/list-ticket-types.handler.js';
import { ListTicketsHandler } from './application/queries/list-tickets/list-tickets.handler.js';
import { TicketReader } from './application/queries/ticket-reader.js';
import { TicketAccess } from './application/ticket-access.js';
import { TicketAssigner } from './application/ticket-assigner.js';
import { TicketLoader } from './application/ticket-loader.js';
import { TicketAssignmentController } from './http/ticket-assignment.controller.js';
import { TicketTypesController } from './http/ticket-types.controller.js';
import { TicketsController } from './http/tickets.controller.js';
import { TicketPortalTokensController } from './http/ticket-portal-tokens.controller.js';
import { TicketKnowledgeLinksController } from './http/ticket-knowledge-links.controller.js';
import { WorkOrdersController } from './http/work-orders.controller.js';
import { LinkKnowledgeArticleHandler } from './application/commands/link-knowledge-article/link-knowledge-article.handler.js';
import { UnlinkKnowledgeArticleHandler } from './application/commands/unlink-knowledge-article/unlink-knowledge-article.handler.js';
import { ListTicketKnowledgeArticlesHandler } from './application/queries/list-ticket-knowledge-articles/list-ticket-knowledge-articles.handler.js';
import { PublicTicketsController } from './http/public-tickets.controller.js';
import { PortalGuard } from './http/portal.guard.js';
import { PortalTokenStore } from './infrastructure/portal-token.store.js';
import { RevokePortalTokenHandler } from './application/commands/revoke-portal-token/revoke-portal-token.handler.js';
import { IssuePortalTokenHandler } from './application/commands/issue-portal-token/issue-portal-token.handler.js';
import { VerifyPortalVisitorHandler } from './application/commands/verify-portal-visitor/verify-portal-visitor.handler.js';
import { ListPublicTicketsHandler } from './application/queries/list-public-tickets/list-public-tickets.handler.js';
import { WorkOrderRepository } from './infrastructure/work-order.repository.js';
import { ScheduleWorkOrderHandler } from './application/commands/schedule-work-order/schedule-work-order.handler.js';
import { ProgressWorkOrderHandler } from './application/commands/progress-work-order/progress-work-order.handler.js';
import { ListWorkOrdersHandler } from './application/queries/list-work-orders/list-work-orders.handler.js';
import { AssignmentStore } from './infrastructure/assignment.store.js';
import { TicketTypeStore } from './infrastructure/ticket-type.store.js';
import { TicketRepository } from './infrastructure/ticket.repository.js';
import { TICKET_PERMISSIONS } from './ticket.permissions.js';
import './ticket.messages.js';

/** Tickets [工单], their assignment, escalation and field work orders: controllers and providers, composed by ServiceTicketModule. */
export const TICKET_CONTROLLERS: Type[] = [
  TicketsController,
  TicketTypesController,
  TicketAssignmentController,
  WorkOrdersController,
  TicketKnowledgeLinksController,
  PublicTicketsController,
  TicketPortalTokensController,
];
export const TICKET_PROVIDERS: Provider[] = [
  providePermissions(TICKET_PERMISSIONS),
  TicketRepository,
  TicketTypeStore,
  AssignmentStore,
  TicketAccess,
  TicketAssigner,
  TicketLoader,
  TicketReader,
  FileTicketHandler,
  ChangeTicketStatusHandler,
  AddTicketRecordHandler,
  LinkKnowledgeArticleHandler,
  UnlinkKnowledgeArticleHandler,
  ListTicketKnowledgeArticlesHandler,
  AssignTicketHandler,
  GrabTicketHandler,
  TransferTicketHandler,
  EscalateTicketHandler,
  OverrideEligibilityHandler,
  RateTicketHandler,
  CreateTicketTypeHandler,
  UpdateTicketTypeHandler,
  ReplaceAssignmentRulesHandler,
  SetAgentCapacityHandler,
  GetTicketHandler,
  ListTicketsHandler,
  ListTicketRecordsHandler,
  GetStatusHistoryHandler,
  ListTicketTypesHandler,
  GetAssignmentRulesHandler,
  ListAgentsHandler,
  WorkOrderRepository,
  ScheduleWorkOrderHandler,
  ProgressWorkOrderHandler,
  ListWorkOrdersHandler,
  PortalTokenStore,
  PortalGuard,
  IssuePortalTokenHandler,
  RevokePortalTokenHandler,
  VerifyPortalVisitorHandler,
  ListPublicTicketsHandler,
];
