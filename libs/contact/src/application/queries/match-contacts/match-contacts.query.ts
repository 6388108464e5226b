import { Query } from '@nestjs/cqrs';

/** A contact holding a phone or e-mail, and the customer it works at now. */
export interface ContactMatch {
  kind: 'phone' | 'email';
  /** The normalised phone or e-mail asked for. */
  value: string;
  contactId: string;
  customerId: string;
}

/**
 * Contacts holding any of these normalised phones / e-mails (kernel `normalizePhone`,
 * `normalizeEmail`) and working at a customer now, for many candidates at once (a lead import's
 * batch); one customer per key (the primary contact link first). Not scoped to a caller.
 */
export class MatchContactsQuery extends Query<ContactMatch[]> {
  constructor(readonly keys: { phones: readonly string[]; emails: readonly string[] }) {
    super();
  }
}
