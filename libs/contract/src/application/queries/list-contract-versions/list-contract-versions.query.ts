import { Query } from '@nestjs/cqrs';
import type { FieldChanges } from '@crm/kernel';
import type { Actor, Page } from '@crm/platform';
import type { ContractTerms } from '../../../domain/contract.aggregate.js';
import type { VersionStatus } from '../../../domain/contract.types.js';

/** A version of a contract's terms with its change record [变更记录]. */
export interface ContractVersionView {
  versionNo: number;
  status: VersionStatus;
  terms: ContractTerms;
  /** Before and after of every term this version changed against the one current when it was proposed. */
  changes: FieldChanges;
  reason: string | null;
  approvalRequestId: string | null;
  requestedBy: string;
  requestedAt: string;
  decidedAt: string | null;
}

/** Every version of a contract, oldest first [合同版本]. */
export class ListContractVersionsQuery extends Query<Page<ContractVersionView>> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
