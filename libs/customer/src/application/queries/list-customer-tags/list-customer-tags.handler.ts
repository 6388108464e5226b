import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TaggingRepository, type CustomerTagRecord } from '../../../infrastructure/tagging.repository.js';
import { GetCustomerQuery } from '../get-customer/get-customer.query.js';
import { ListCustomerTagsQuery } from './list-customer-tags.query.js';

@QueryHandler(ListCustomerTagsQuery)
export class ListCustomerTagsHandler implements IQueryHandler<ListCustomerTagsQuery> {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, customerId }: ListCustomerTagsQuery): Promise<CustomerTagRecord[]> {
    await this.queries.execute(new GetCustomerQuery(actor, customerId));
    return this.tagging.tagsOf(customerId);
  }
}
