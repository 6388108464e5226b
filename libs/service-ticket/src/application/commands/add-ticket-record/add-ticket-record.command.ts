import { Command } from '@nestjs/cqrs';
import type { RecordKind } from '../../../domain/ticket.types.js';
import type { TicketPrincipal } from '../../ticket-principal.js';

/** Adds a handling record [处理记录]: staff write internal notes or public replies; a self-service visitor replies. */
export class AddTicketRecordCommand extends Command<{ recordId: string; status: string }> {
  constructor(
    readonly by: TicketPrincipal,
    readonly ticketId: string,
    readonly kind: RecordKind,
    readonly body: string,
  ) {
    super();
  }
}
