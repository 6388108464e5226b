import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { MatchContactsQuery, type ContactMatch } from './match-contacts.query.js';

@QueryHandler(MatchContactsQuery)
export class MatchContactsHandler implements IQueryHandler<MatchContactsQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ keys }: MatchContactsQuery): Promise<ContactMatch[]> {
    if (keys.phones.length + keys.emails.length === 0) return [];
    return this.tx.query<ContactMatch>(
      `SELECT DISTINCT ON (i.kind, i.value) i.kind, i.value, i.contact_id AS "contactId", l.customer_id AS "customerId"
         FROM contact.identifiers i
         JOIN contact.contacts c ON c.id = i.contact_id AND c.deleted_at IS NULL
         JOIN contact.links l ON l.contact_id = i.contact_id AND l.ended_on IS NULL
        WHERE (i.kind = 'phone' AND i.value = ANY($1::text[])) OR (i.kind = 'email' AND i.value = ANY($2::text[]))
        ORDER BY i.kind, i.value, l.is_primary DESC, l.customer_id`,
      [keys.phones, keys.emails],
    );
  }
}
