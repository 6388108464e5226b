import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CheckCustomerWorkableQuery, FilterVisibleCustomersQuery, GetCustomerQuery } from '@crm/contracts/customer';
import { DataScope, type Actor, type ScopedColumns } from '@crm/platform';
import type { Contact } from '../domain/contact.aggregate.js';
import { ContactErrors } from '../domain/contact.errors.js';
import { ContactRepository } from '../infrastructure/contact.repository.js';

/** Where contacts keep their owner, for `DataScope.sql`; a contact always has an owner. */
export const CONTACT_SCOPE_COLUMNS: ScopedColumns = { owner: 'c.owner_id' };

/**
 * A contact is visible to its owner's data scope, and to whoever may see a customer it currently
 * works at; a link, and a record made at a customer, are visible exactly when that customer is.
 * Changing a customer's contacts needs the right to work that customer.
 */
@Injectable()
export class ContactAccess {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly queries: QueryBus,
  ) {}

  async visibleContact(actor: Actor, contactId: string, lock = false): Promise<Contact> {
    const contact = await this.contacts.find(contactId, lock);
    if (!contact) throw ContactErrors.notFound();
    if (DataScope.of(actor).allows({ ownerId: contact.ownerId })) return contact;
    const linked = (await this.contacts.linkedCustomerIds(contactId, { activeOnly: true })).map((row) => row.customer_id);
    if ((await this.visibleCustomers(actor, linked)).length === 0) throw ContactErrors.notFound();
    return contact;
  }

  visibleCustomers(actor: Actor, customerIds: readonly string[]): Promise<string[]> {
    return this.queries.execute(new FilterVisibleCustomersQuery(actor, customerIds));
  }

  /** 404 / 403 (the Customer context's own answers) unless the caller may work the customer. */
  async assertCustomerWorkable(actor: Actor, customerId: string): Promise<void> {
    await this.queries.execute(new CheckCustomerWorkableQuery(actor, customerId));
  }

  /** 404 (the customer's own) when the caller may not see the customer. */
  async assertCustomerVisible(actor: Actor, customerId: string): Promise<void> {
    await this.queries.execute(new GetCustomerQuery(actor, customerId));
  }
}
