import type { FollowUpChannel } from './customer.types.js';

/** A record of working a customer [跟进记录]; it restarts the recycle clock. */
export interface FollowUp {
  id: string;
  customerId: string;
  authorId: string;
  channel: FollowUpChannel;
  content: string;
  occurredAt: Date;
  nextFollowUpAt: Date | null;
}
