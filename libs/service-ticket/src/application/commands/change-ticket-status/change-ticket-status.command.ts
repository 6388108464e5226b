import { Command } from '@nestjs/cqrs';
import type { TicketStatus } from '../../../domain/ticket.types.js';
import type { TicketPrincipal } from '../../ticket-principal.js';

/** Moves a ticket through its status machine [工单状态]; illegal moves are 409 with the current status. */
export class ChangeTicketStatusCommand extends Command<{ status: TicketStatus; version: number }> {
  constructor(
    readonly by: TicketPrincipal,
    readonly ticketId: string,
    readonly to: TicketStatus,
    readonly details: { resolution: string | null; reason: string | null },
    readonly ifMatch?: number,
  ) {
    super();
  }
}
