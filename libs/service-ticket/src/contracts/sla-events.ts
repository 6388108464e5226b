import { defineEvent } from '@crm/kernel';

/** A ticket's SLA clock crossing its warning threshold or its deadline. */
export interface SlaClockEventV1 {
  ticketId: string;
  /** `first-response` [首次响应] or `resolution` [解决]. */
  metric: 'first-response' | 'resolution';
  policyId: string;
  targetMinutes: number;
  warnAt: string | null;
  deadlineAt: string | null;
  /** When the target was achieved: set on a breach recorded after a late reply or resolution (then nothing is left to escalate). */
  achievedAt: string | null;
  customerId: string | null;
  teamId: string | null;
  assigneeId: string | null;
}

/** Events of business calendars and SLA policies [服务级别], declared once. */
export const SlaEvents = {
  warning: defineEvent<SlaClockEventV1>('sla.warning', 1, {
    aggregateType: 'ticket',
    customerId: (payload) => payload.customerId,
    description: "A ticket's SLA clock passed its warning threshold (e.g. 80 %) [SLA预警]; raised once per ticket and metric.",
  }),
  breached: defineEvent<SlaClockEventV1>('sla.breached', 1, {
    aggregateType: 'ticket',
    customerId: (payload) => payload.customerId,
    description: "A ticket's SLA deadline passed unmet [SLA违约]; raised once per ticket and metric, and the breach stays.",
  }),
  calendarChanged: defineEvent<{ calendarId: string; name: string; teamIds: string[]; isDefault: boolean; version: number }>('sla.calendar-changed', 1, {
    aggregateType: 'business-calendar',
    description: 'A business calendar [工作日历] was created or changed: open tickets on it get their deadlines recomputed.',
  }),
  policyChanged: defineEvent<{ policyId: string; name: string; active: boolean; version: number }>('sla.policy-changed', 1, {
    aggregateType: 'sla-policy',
    description: 'An SLA policy [SLA策略] was created or changed: open tickets get their deadlines recomputed.',
  }),
};
