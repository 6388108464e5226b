import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Assigns a ticket by hand [手动分派] to a handler (placed in their team) or to a team (its strategy picks the agent). */
export class AssignTicketCommand extends Command<{ teamId: string | null; handlerId: string | null; version: number }> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly target: { teamId: string | null; handlerId: string | null },
    readonly ifMatch?: number,
  ) {
    super();
  }
}
