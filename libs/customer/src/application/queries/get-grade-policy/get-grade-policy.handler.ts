import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { GradePolicy } from '../../../domain/customer-grade.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { GetGradePolicyQuery } from './get-grade-policy.query.js';

@QueryHandler(GetGradePolicyQuery)
export class GetGradePolicyHandler implements IQueryHandler<GetGradePolicyQuery> {
  constructor(private readonly customers: CustomerRepository) {}

  execute(): Promise<GradePolicy & { version: number }> {
    return this.customers.loadGradePolicy();
  }
}
