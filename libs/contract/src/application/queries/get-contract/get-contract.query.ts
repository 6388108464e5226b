import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContractView } from '../contract-view.js';

/** One contract [合同详情] in the caller's data scope; else 404 `CONTRACT.NOT_FOUND`. */
export class GetContractQuery extends Query<ContractView> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
  ) {
    super();
  }
}
