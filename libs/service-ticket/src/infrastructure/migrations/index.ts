import type { MigrationInterface } from 'typeorm';
import { TicketSchema1732506000000 } from './1732506000000-ticket-schema.js';
import { KnowledgeBase1732506500000 } from './1732506500000-knowledge-base.js';
import { BusinessCalendarsAndSlaPolicies1732506600000 } from './1732506600000-business-calendars-and-sla-policies.js';
import { TicketSlaClocks1732506700000 } from './1732506700000-ticket-sla-clocks.js';
import { TicketKnowledgeLinks1732508000000 } from './1732508000000-ticket-knowledge-links.js';

export const serviceTicketMigrations: (new () => MigrationInterface)[] = [
  TicketSchema1732506000000,
  // Knowledge base, business calendars and SLA
  KnowledgeBase1732506500000,
  BusinessCalendarsAndSlaPolicies1732506600000,
  TicketSlaClocks1732506700000,
  TicketKnowledgeLinks1732508000000,
];
