import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ContactView } from '../get-contact/get-contact.query.js';

/** Contacts owned within the caller's data scope, newest first; `q` matches name, phone or e-mail. */
export class ListContactsQuery extends Query<Page<ContactView>> {
  constructor(
    readonly actor: Actor,
    readonly q: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
