import { Command } from '@nestjs/cqrs';
import type { EligibilityPolicy } from '../../../domain/ticket.types.js';

export interface TicketTypeInput {
  name: string;
  eligibilityPolicy: EligibilityPolicy;
  reopenWindowDays: number;
  active: boolean;
}

/** Adds a ticket type [工单类型] at the top or under a parent (at most MAX_TYPE_DEPTH levels). */
export class CreateTicketTypeCommand extends Command<{ typeId: string }> {
  constructor(
    readonly parentId: string | null,
    readonly input: TicketTypeInput,
  ) {
    super();
  }
}
