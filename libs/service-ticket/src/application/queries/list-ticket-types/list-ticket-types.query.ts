import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { TicketTypeRecord } from '../../../infrastructure/ticket-type.store.js';

export type TicketTypeView = TicketTypeRecord & { depth: number };

/** The ticket type tree [多级分类], parents before children; `activeOnly` for self-service pickers. */
export class ListTicketTypesQuery extends Query<Page<TicketTypeView>> {
  constructor(readonly activeOnly: boolean) {
    super();
  }
}
