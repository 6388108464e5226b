import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContactProfile } from '../../../domain/contact.types.js';

/** Edits a contact; phones and e-mails included (no write-once fields), duplicates still refused. */
export class UpdateContactCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly contactId: string,
    readonly edits: Partial<ContactProfile>,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
