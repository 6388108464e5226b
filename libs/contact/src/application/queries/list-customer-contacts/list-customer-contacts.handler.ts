import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { ContactAccess } from '../../contact-access.js';
import { ListCustomerContactsQuery, type CustomerContactView } from './list-customer-contacts.query.js';

@QueryHandler(ListCustomerContactsQuery)
export class ListCustomerContactsHandler implements IQueryHandler<ListCustomerContactsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: ContactAccess,
  ) {}

  async execute({ actor, customerId, role, includeEnded }: ListCustomerContactsQuery): Promise<CustomerContactView[]> {
    await this.access.assertCustomerVisible(actor, customerId);
    return this.tx.query<CustomerContactView>(
      `SELECT l.id AS "linkId", l.role, l.title, l.is_primary AS "primary", l.started_on::text AS "startedOn", l.ended_on::text AS "endedOn",
              json_build_object('id', c.id, 'name', c.name, 'phones', c.phones, 'emails', c.emails, 'wechatId', c.wechat_id) AS contact
         FROM contact.links l JOIN contact.contacts c ON c.id = l.contact_id
        WHERE l.customer_id = $1 AND ($2::text IS NULL OR l.role = $2) AND ($3 OR l.ended_on IS NULL)
        ORDER BY l.ended_on NULLS FIRST, l.is_primary DESC, l.started_on, l.id`,
      [customerId, role ?? null, includeEnded],
    );
  }
}
