import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface VisibleLead {
  leadId: string;
  /** converting: its conversion waits for approval; tasks still reach it and follow it to the customer. */
  status: 'open' | 'converting' | 'converted' | 'closed';
  ownerId: string | null;
}

/**
 * For other contexts (tasks on a lead): the lead when the caller can see it — a member of its pool
 * or a pool above, its owner, or within the caller's data scope — else `LEAD.NOT_FOUND` (404), the
 * same answer as for a lead that does not exist.
 */
export class CheckLeadVisibleQuery extends Query<VisibleLead> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
  ) {
    super();
  }
}
