import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { FollowUpChannel } from '../../../domain/customer.types.js';

export interface FollowUpView {
  id: string;
  customerId: string;
  author: { id: string; name: string | null };
  channel: FollowUpChannel;
  content: string;
  occurredAt: string;
  nextFollowUpAt: string | null;
  createdAt: string;
}

/** A customer's follow-up records [跟进记录], latest first. */
export class ListFollowUpsQuery extends Query<Page<FollowUpView>> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
