import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListCustomerSummariesQuery } from '@crm/contracts/customer';
import { TransactionHost } from '@crm/platform';
import { LINK_COLUMNS, type LinkRecord } from '../../../infrastructure/contact.repository.js';
import { ContactAccess } from '../../contact-access.js';
import { ListContactCustomersQuery, type ContactCustomerView } from './list-contact-customers.query.js';

@QueryHandler(ListContactCustomersQuery)
export class ListContactCustomersHandler implements IQueryHandler<ListContactCustomersQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: ContactAccess,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, contactId }: ListContactCustomersQuery): Promise<ContactCustomerView[]> {
    await this.access.visibleContact(actor, contactId);
    const links = await this.tx.query<LinkRecord>(
      `SELECT ${LINK_COLUMNS} FROM contact.links WHERE contact_id = $1 ORDER BY ended_on DESC NULLS FIRST, started_on DESC`,
      [contactId],
    );
    const visible = new Set(
      await this.access.visibleCustomers(
        actor,
        links.map((link) => link.customerId),
      ),
    );
    const shown = links.filter((link) => visible.has(link.customerId));
    const summaries = await this.queries.execute(new ListCustomerSummariesQuery({ ids: shown.map((link) => link.customerId) }));
    const names = new Map(summaries.map((summary) => [summary.id, summary.name]));
    return shown.map(({ id, customerId, role, title, isPrimary, startedOn, endedOn }) => ({
      linkId: id,
      customerId,
      customerName: names.get(customerId) ?? null,
      role,
      title,
      primary: isPrimary,
      startedOn,
      endedOn,
    }));
  }
}
