import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { assertCanWork } from '../../customer-access.js';
import { CheckCustomerWorkableQuery } from './check-customer-workable.query.js';

@QueryHandler(CheckCustomerWorkableQuery)
export class CheckCustomerWorkableHandler implements IQueryHandler<CheckCustomerWorkableQuery> {
  constructor(private readonly customers: CustomerRepository) {}

  async execute({ actor, customerId }: CheckCustomerWorkableQuery): Promise<void> {
    assertCanWork(actor, await this.customers.findById(customerId));
  }
}
