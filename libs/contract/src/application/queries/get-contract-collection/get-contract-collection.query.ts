import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** How much of a contract has been ordered and collected [回款率]. */
export interface ContractCollection {
  contractId: string;
  amount: string;
  currency: string;
  orderCount: number;
  /** Sum of the contract's order totals. */
  ordered: string;
  /** Payments in force on its orders (recorded or reconciled from the bank, not reversed). */
  collected: string;
  /** collected / amount with 4 decimals ("0.2500" is 25%); null for a contract of amount 0. */
  collectionRatio: string | null;
}

/** The collection of a contract the caller may see (404 otherwise). */
export class GetContractCollectionQuery extends Query<ContractCollection> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
  ) {
    super();
  }
}
