import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** A pool admin moves a lead to another pool [线索流转]: down to a team's sub-pool, across, or back up the tree. */
export class MoveLeadCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly toPoolId: string,
    readonly reason: string,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
