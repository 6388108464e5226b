import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** A named group of customers [客户分组]; a customer may be in many. */
export class CreateGroupCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly name: string,
  ) {
    super();
  }
}
