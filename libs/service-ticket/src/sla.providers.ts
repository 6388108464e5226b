import type { Provider, Type } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { SaveBusinessCalendarHandler } from './application/commands/save-business-calendar/save-business-calendar.handler.js';
import { SaveSlaPolicyHandler } from './application/commands/save-sla-policy/save-sla-policy.handler.js';
import { ScanSlaClocksJob } from './application/jobs/scan-sla-clocks.job.js';
import { SlaScheduler } from './application/jobs/sla-scheduler.js';
import { GetTicketSlaClocksHandler } from './application/queries/get-ticket-sla-clocks/get-ticket-sla-clocks.handler.js';
import { GetBusinessCalendarHandler, ListBusinessCalendarsHandler } from './application/queries/list-business-calendars/business-calendar.handlers.js';
import { GetSlaPolicyHandler, ListSlaPoliciesHandler } from './application/queries/list-sla-policies/sla-policy.handlers.js';
import { EscalateOnSlaWarning } from './application/reactions/escalate-on-sla-warning.reaction.js';
import { RecomputeSlaOnConfigurationChange } from './application/reactions/recompute-sla-on-configuration-change.reaction.js';
import { RecomputeSlaOnTicketChange } from './application/reactions/recompute-sla-on-ticket-change.reaction.js';
import { SlaClockKeeper } from './application/sla-clock-keeper.js';
import { BusinessCalendarsController } from './http/business-calendars.controller.js';
import { SlaPoliciesController } from './http/sla-policies.controller.js';
import { TicketSlaController } from './http/ticket-sla.controller.js';
import { SlaClockStore } from './infrastructure/sla-clock.store.js';
import { SlaConfigurationRepository } from './infrastructure/sla-configuration.repository.js';
import { SLA_PERMISSIONS } from './sla.permissions.js';
import './sla.messages.js';

/** Business calendars [工作日历] and SLA policies and clocks: controllers and providers, composed by ServiceTicketModule. */
export const SLA_CONTROLLERS: Type[] = [BusinessCalendarsController, SlaPoliciesController, TicketSlaController];
export const SLA_PROVIDERS: Provider[] = [
  providePermissions(SLA_PERMISSIONS),
  SlaConfigurationRepository,
  SlaClockStore,
  SlaClockKeeper,
  SaveBusinessCalendarHandler,
  SaveSlaPolicyHandler,
  ListBusinessCalendarsHandler,
  GetBusinessCalendarHandler,
  ListSlaPoliciesHandler,
  GetSlaPolicyHandler,
  GetTicketSlaClocksHandler,
  RecomputeSlaOnTicketChange,
  RecomputeSlaOnConfigurationChange,
  EscalateOnSlaWarning,
  ScanSlaClocksJob,
  SlaScheduler,
];
