import { Command } from '@nestjs/cqrs';
import type { TicketTypeInput } from '../create-ticket-type/create-ticket-type.command.js';

/** Changes a ticket type's name, eligibility policy [服务资格策略], reopen window or active flag; tickets filed before keep their verdict. */
export class UpdateTicketTypeCommand extends Command<{ version: number }> {
  constructor(
    readonly typeId: string,
    readonly edits: Partial<TicketTypeInput>,
    readonly ifMatch?: number,
  ) {
    super();
  }
}
