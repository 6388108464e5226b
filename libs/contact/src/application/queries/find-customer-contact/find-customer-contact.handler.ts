import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { normalizePhone } from '@crm/kernel';
import { TransactionHost } from '@crm/platform';
import { FindCustomerContactQuery, type CustomerContactRef } from './find-customer-contact.query.js';

@QueryHandler(FindCustomerContactQuery)
export class FindCustomerContactHandler implements IQueryHandler<FindCustomerContactQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ selection }: FindCustomerContactQuery): Promise<CustomerContactRef | null> {
    const byId = 'contactId' in selection;
    const key = byId ? selection.contactId : normalizePhone(selection.phone);
    if (!key) return null;
    const row = await this.tx.queryOne<CustomerContactRef>(
      `SELECT c.id AS "contactId", l.customer_id AS "customerId", c.name
         FROM contact.links l JOIN contact.contacts c ON c.id = l.contact_id
        WHERE l.customer_id = $1 AND l.ended_on IS NULL
          AND ${byId ? 'c.id = $2::uuid' : `c.id = (SELECT i.contact_id FROM contact.identifiers i WHERE i.kind = 'phone' AND i.value = $2)`}
        LIMIT 1`,
      [selection.customerId, key],
    );
    return row ?? null;
  }
}
