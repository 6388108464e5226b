import type { Provider, Type } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { SaveBusinessCalendarHandler } from './application/commands/save-business-calendar/save-business-calendar.handler.js';
import { SaveSlaPolicyHandler } from './application/commands/save-sla-policy/save-sla-policy.handler.js';
import { GetBusinessCalendarHandler, ListBusinessCalendarsHandler } from './application/queries/list-business-calendars/business-calendar.handlers.js';
import { GetSlaPolicyHandler, ListSlaPoliciesHandler } from './application/queries/list-sla-policies/sla-policy.handlers.js';
import { BusinessCalendarsController } from './http/business-calendars.controller.js';
import { SlaPoliciesController } from './http/sla-policies.controller.js';
import { SlaConfigurationRepository } from './infrastructure/sla-configuration.repository.js';
import { SLA_PERMISSIONS } from './sla.permissions.js';
import './sla.messages.js';

/** Business calendars [工作日历] and SLA policies and clocks: controllers and providers, composed by ServiceTicketModule. */
export const SLA_CONTROLLERS: Type[] = [BusinessCalendarsController, SlaPoliciesController];
export const SLA_PROVIDERS: Provider[] = [
  providePermissions(SLA_PERMISSIONS),
  SlaConfigurationRepository,
  SaveBusinessCalendarHandler,
  SaveSlaPolicyHandler,
  ListBusinessCalendarsHandler,
  GetBusinessCalendarHandler,
  ListSlaPoliciesHandler,
  GetSlaPolicyHandler,
];
