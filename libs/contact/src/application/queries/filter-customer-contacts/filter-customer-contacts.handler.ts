import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { ContactAccess } from '../../contact-access.js';
import { FilterCustomerContactsQuery } from './filter-customer-contacts.query.js';

@QueryHandler(FilterCustomerContactsQuery)
export class FilterCustomerContactsHandler implements IQueryHandler<FilterCustomerContactsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: ContactAccess,
  ) {}

  async execute({ actor, customerId, contactIds }: FilterCustomerContactsQuery): Promise<string[]> {
    if (contactIds.length === 0) return [];
    // A link is visible exactly when its customer is (ContactAccess).
    if ((await this.access.visibleCustomers(actor, [customerId])).length === 0) return [];
    const rows = await this.tx.query<{ contact_id: string }>(
      `SELECT l.contact_id FROM contact.links l JOIN contact.contacts c ON c.id = l.contact_id
        WHERE l.customer_id = $1 AND l.contact_id = ANY($2::uuid[]) AND l.ended_on IS NULL AND c.deleted_at IS NULL`,
      [customerId, [...new Set(contactIds)]],
    );
    return rows.map((row) => row.contact_id);
  }
}
