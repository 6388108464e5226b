import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** A member claims a lead waiting in their pool [抢单], within the pool's limits. */
export class ClaimLeadCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
  ) {
    super();
  }
}
