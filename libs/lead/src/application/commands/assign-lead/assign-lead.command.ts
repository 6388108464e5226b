import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** A pool admin gives a lead to someone of its pool [手动分配], or to another owner (a reassignment). */
export class AssignLeadCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly ownerId: string,
    readonly reason: string | null,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
