import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ContractStatus, ContractType } from '../../../domain/contract.types.js';
import type { ContractView } from '../contract-view.js';

export interface ContractFilters {
  status?: ContractStatus;
  type?: ContractType;
  customerId?: string;
  opportunityId?: string;
  ownerId?: string;
  /** Contracts whose end date is on or before this date [即将到期]. */
  endingBefore?: string;
}

/** Contracts in the caller's data scope [合同列表], newest first. */
export class ListContractsQuery extends Query<Page<ContractView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: ContractFilters,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
