import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';

/** One entry of the customer 360 timeline [客户360时间线]: who did what, when, and what changed. */
export interface TimelineEntryView {
  eventId: string;
  type: string;
  occurredAt: string;
  actor: { id: string | null; name: string | null };
  /** Field changes (`{field: {from, to}}`) for updates; the event's facts otherwise. */
  payload: Record<string, unknown>;
}

export class GetCustomerTimelineQuery extends Query<Page<TimelineEntryView>> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
