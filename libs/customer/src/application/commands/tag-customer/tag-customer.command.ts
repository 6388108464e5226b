import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Applies a tag to a customer [打标签]; applying it again counts up. A null actor is a tagging rule. */
export class TagCustomerCommand extends Command<{ count: number }> {
  constructor(
    readonly actor: Actor | null,
    readonly customerId: string,
    readonly tagId: string,
  ) {
    super();
  }
}
