import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  customerId: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A subscription's delivery log [推送记录], newest first. */
export class ListDeliveriesQuery extends Query<Page<DeliveryView>> {
  constructor(
    readonly subscriptionId: string,
    readonly status: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
