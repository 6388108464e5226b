import type { MigrationInterface } from 'typeorm';
import { KnowledgeBase1732506500000 } from './1732506500000-knowledge-base.js';
import { BusinessCalendarsAndSlaPolicies1732506600000 } from './1732506600000-business-calendars-and-sla-policies.js';

export const serviceTicketMigrations: (new () => MigrationInterface)[] = [
  // Knowledge base, business calendars and SLA
  KnowledgeBase1732506500000,
  BusinessCalendarsAndSlaPolicies1732506600000,
];
