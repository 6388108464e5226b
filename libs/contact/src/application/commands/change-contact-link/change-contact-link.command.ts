import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContactRole } from '../../../domain/contact.types.js';

/** Changes a contact's role at a customer, or ends the link (the person left) while keeping it in history. */
export class ChangeContactLinkCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly contactId: string,
    readonly customerId: string,
    readonly changes: { role?: ContactRole; title?: string | null; primary?: boolean; endedOn?: string },
  ) {
    super();
  }
}
