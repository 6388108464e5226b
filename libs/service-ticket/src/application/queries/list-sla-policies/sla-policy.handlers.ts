import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { SlaErrors } from '../../../domain/sla.errors.js';
import { SlaConfigurationRepository, type PolicyRecord } from '../../../infrastructure/sla-configuration.repository.js';
import { GetSlaPolicyQuery, ListSlaPoliciesQuery } from './sla-policy.queries.js';

@QueryHandler(ListSlaPoliciesQuery)
export class ListSlaPoliciesHandler implements IQueryHandler<ListSlaPoliciesQuery> {
  constructor(private readonly configuration: SlaConfigurationRepository) {}

  async execute({ limit, cursor }: ListSlaPoliciesQuery): Promise<Page<PolicyRecord>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.configuration.listPolicies(limit + 1, afterId);
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => row,
    );
  }
}

@QueryHandler(GetSlaPolicyQuery)
export class GetSlaPolicyHandler implements IQueryHandler<GetSlaPolicyQuery> {
  constructor(private readonly configuration: SlaConfigurationRepository) {}

  async execute({ policyId }: GetSlaPolicyQuery): Promise<PolicyRecord> {
    const policy = await this.configuration.findPolicy(policyId);
    if (!policy) throw SlaErrors.policyNotFound();
    return policy;
  }
}
