import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { wholeList, type Page } from '@crm/platform';
import { TicketTypeStore } from '../../../infrastructure/ticket-type.store.js';
import { ListTicketTypesQuery, type TicketTypeView } from './list-ticket-types.query.js';

@QueryHandler(ListTicketTypesQuery)
export class ListTicketTypesHandler implements IQueryHandler<ListTicketTypesQuery> {
  constructor(private readonly types: TicketTypeStore) {}

  async execute({ activeOnly }: ListTicketTypesQuery): Promise<Page<TicketTypeView>> {
    const all = await this.types.all();
    const inactive = new Set(all.filter((type) => !type.active).map((type) => type.id));
    // A switched-off type hides its sub-types from pickers too.
    const shown = activeOnly ? all.filter((type) => !type.path.some((id) => inactive.has(id))) : all;
    return wholeList(shown.map((type) => ({ ...type, depth: type.path.length })));
  }
}
