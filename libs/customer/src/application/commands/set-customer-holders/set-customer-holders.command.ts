import { Command } from '@nestjs/cqrs';

export interface CustomerHolders {
  customerId: string;
  /** Holder of the whole customer, or null. */
  ownerId: string | null;
  /** Holders of a product line or products, besides the owner. */
  coHolderIds: string[];
}

/**
 * Records who holds customers, as decided by the Pool context (claims, approvals, transfers,
 * recycling). Set-based, so recycling thousands of customers is one statement. The Pool context's
 * events are the record of these changes.
 */
export class SetCustomerHoldersCommand extends Command<{ updated: number }> {
  constructor(readonly holders: readonly CustomerHolders[]) {
    super();
  }
}
