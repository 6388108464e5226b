import { Module } from '@nestjs/common';
import { KNOWLEDGE_CONTROLLERS, KNOWLEDGE_PROVIDERS } from './knowledge.providers.js';
import { SLA_CONTROLLERS, SLA_PROVIDERS } from './sla.providers.js';
import { TICKET_CONTROLLERS, TICKET_PROVIDERS } from './ticket.providers.js';

/**
 * ServiceTicket [工单]: staff and self-service tickets, eligibility [该不该服务], assignment,
 * escalation and field work orders, SLA clocks on business calendars, and a knowledge base [知识库].
 */
@Module({
  controllers: [...TICKET_CONTROLLERS, ...SLA_CONTROLLERS, ...KNOWLEDGE_CONTROLLERS],
  providers: [...TICKET_PROVIDERS, ...SLA_PROVIDERS, ...KNOWLEDGE_PROVIDERS],
})
export class ServiceTicketModule {}
