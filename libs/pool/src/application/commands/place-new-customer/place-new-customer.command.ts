import { Command } from '@nestjs/cqrs';

export type PlacementResult =
  | { status: 'placed' | 'already-placed' }
  | { status: 'protected'; holderId: string }
  | { status: 'pending-approval'; applicationId: string; approvalRequestId: string; reservedUntil: string };

/**
 * Puts a new customer into the pool of its holder's (or creator's) department, then protects it
 * for the holder asked for, or opens a claim application for them when their roles may not hold
 * its grade directly.
 */
export class PlaceNewCustomerCommand extends Command<PlacementResult> {
  constructor(
    readonly customerId: string,
    readonly grade: string,
    readonly requestedHolderId: string | null,
    readonly createdBy: string,
  ) {
    super();
  }
}
