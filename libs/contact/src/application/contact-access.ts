import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { FilterVisibleCustomersQuery, GetCustomerQuery } from '@crm/contracts/customer';
import { canSeeOwner, type Actor } from '@crm/platform';
import type { Contact } from '../domain/contact.aggregate.js';
import { ContactErrors } from '../domain/contact.errors.js';
import { ContactRepository } from '../infrastructure/contact.repository.js';

/**
 * A contact is visible to its owner's data scope, and to whoever may see a customer it is (or
 * was) linked to; a link is visible exactly when its customer is (the customer's data scope).
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
    if (canSeeOwner(actor, contact.ownerId)) return contact;
    const linked = (await this.contacts.linkedCustomerIds(contactId)).map((row) => row.customer_id);
    if ((await this.visibleCustomers(actor, linked)).length === 0) throw ContactErrors.notFound();
    return contact;
  }

  visibleCustomers(actor: Actor, customerIds: readonly string[]): Promise<string[]> {
    return this.queries.execute(new FilterVisibleCustomersQuery(actor, customerIds));
  }

  /** 404 (the customer's own) when the caller may not see the customer. */
  async assertCustomerVisible(actor: Actor, customerId: string): Promise<void> {
    await this.queries.execute(new GetCustomerQuery(actor, customerId));
  }
}
