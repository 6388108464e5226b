import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Takes an unassigned ticket from one's team queue [抢单]; of several at once, one wins and the others get 409. */
export class GrabTicketCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly ticketId: string,
  ) {
    super();
  }
}
