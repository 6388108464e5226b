import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { normalizePhone } from '@crm/kernel';
import { TransactionHost } from '@crm/platform';
import { ContactAccess } from '../../contact-access.js';
import { FindCustomerContactsQuery, type CustomerContactRef } from './find-customer-contacts.query.js';

@QueryHandler(FindCustomerContactsQuery)
export class FindCustomerContactsHandler implements IQueryHandler<FindCustomerContactsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: ContactAccess,
  ) {}

  async execute({ selection, actor }: FindCustomerContactsQuery): Promise<CustomerContactRef[]> {
    const byIds = 'contactIds' in selection;
    const key = byIds ? [...new Set(selection.contactIds)] : normalizePhone(selection.phone);
    if (!key || key.length === 0) return [];
    // A link is visible exactly when its customer is (ContactAccess).
    if (actor && (await this.access.visibleCustomers(actor, [selection.customerId])).length === 0) return [];
    return this.tx.query<CustomerContactRef>(
      `SELECT c.id AS "contactId", l.customer_id AS "customerId", c.name
         FROM contact.links l JOIN contact.contacts c ON c.id = l.contact_id
        WHERE l.customer_id = $1 AND l.ended_on IS NULL AND c.deleted_at IS NULL
          AND ${byIds ? 'c.id = ANY($2::uuid[])' : `c.id IN (SELECT i.contact_id FROM contact.identifiers i WHERE i.kind = 'phone' AND i.value = $2)`}
        ORDER BY c.id`,
      [selection.customerId, key],
    );
  }
}
