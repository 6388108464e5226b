import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { PolicyRecord } from '../../../infrastructure/sla-configuration.repository.js';

/** SLA policies [SLA策略], oldest first. */
export class ListSlaPoliciesQuery extends Query<Page<PolicyRecord>> {
  constructor(
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

export class GetSlaPolicyQuery extends Query<PolicyRecord> {
  constructor(readonly policyId: string) {
    super();
  }
}
