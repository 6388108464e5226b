import type { Provider, Type } from '@nestjs/common';

/** Business calendars [工作日历] and SLA policies and clocks: controllers and providers, composed by ServiceTicketModule. */
export const SLA_CONTROLLERS: Type[] = [];
export const SLA_PROVIDERS: Provider[] = [];
