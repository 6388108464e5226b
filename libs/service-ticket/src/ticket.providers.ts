import type { Provider, Type } from '@nestjs/common';

/** Tickets [工单], their assignment, escalation and field work orders: controllers and providers, composed by ServiceTicketModule. */
export const TICKET_CONTROLLERS: Type[] = [];
export const TICKET_PROVIDERS: Provider[] = [];
