import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Transfers a ticket [转派] to another agent, or to a team whose strategy picks the agent, with a reason. */
export class TransferTicketCommand extends Command<{ teamId: string | null; handlerId: string | null; version: number }> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
    readonly target: { teamId: string | null; handlerId: string | null },
    readonly reason: string,
    readonly ifMatch?: number,
  ) {
    super();
  }
}
