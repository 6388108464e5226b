import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Deletes a contact no longer linked to any customer; past links and records stay as history. */
export class DeleteContactCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly contactId: string,
  ) {
    super();
  }
}
