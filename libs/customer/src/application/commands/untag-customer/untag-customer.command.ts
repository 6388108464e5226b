import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Removes a tag from a customer. */
export class UntagCustomerCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly tagId: string,
  ) {
    super();
  }
}
