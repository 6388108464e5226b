import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContactRole } from '../../../domain/contact.types.js';

export interface LinkInput {
  role: ContactRole;
  title: string | null;
  primary: boolean;
  /** ISO date; defaults to today. */
  startedOn?: string;
}

/**
 * Links a contact to a customer with a role [关联联系人]. A person who moved from company A keeps
 * their notes and records: they belong to the person and show from B as well (CONT-2).
 */
export class LinkContactCommand extends Command<{ linkId: string }> {
  constructor(
    readonly actor: Actor | null,
    readonly contactId: string,
    readonly customerId: string,
    readonly link: LinkInput,
  ) {
    super();
  }
}
