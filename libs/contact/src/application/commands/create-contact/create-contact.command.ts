import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContactProfile } from '../../../domain/contact.types.js';

/** Creates a contact [新建联系人]; a phone or e-mail another contact already has is a 409 with that contact. */
export class CreateContactCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly profile: ContactProfile,
  ) {
    super();
  }
}
