import { Command } from '@nestjs/cqrs';
import type { PortalVisitor } from '../../ticket-principal.js';

/** The customer rates the handling of their resolved ticket [满意度评价], once. */
export class RateTicketCommand extends Command<{ version: number }> {
  constructor(
    readonly visitor: PortalVisitor,
    readonly ticketId: string,
    readonly score: number,
    readonly comment: string | null,
  ) {
    super();
  }
}
