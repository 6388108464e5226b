import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';

export interface StatusChangeView {
  from: string | null;
  to: string;
  at: string;
  by: { kind: string; id: string } | null;
  reason: string | null;
}

/** Every status a ticket went through, oldest first (the first row is its filing). */
export class GetStatusHistoryQuery extends Query<Page<StatusChangeView>> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
  ) {
    super();
  }
}
