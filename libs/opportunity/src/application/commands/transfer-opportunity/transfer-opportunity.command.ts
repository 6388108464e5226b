import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** A manager gives an open opportunity to another salesperson [商机转派], with a reason; history is kept. */
export class TransferOpportunityCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly toUserId: string,
    readonly reason: string,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
