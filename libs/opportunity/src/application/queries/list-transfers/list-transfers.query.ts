import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';

export interface TransferView {
  id: string;
  fromUserId: string;
  toUserId: string;
  reason: string;
  transferredBy: string;
  transferredAt: string;
}

/** Who an opportunity was given to, by whom and why [转派记录], oldest first. */
export class ListTransfersQuery extends Query<Page<TransferView>> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
