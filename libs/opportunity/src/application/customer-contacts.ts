import type { QueryBus } from '@nestjs/cqrs';
import { FindCustomerContactsQuery } from '@crm/contracts/contact';
import type { Actor } from '@crm/platform';
import { OpportunityErrors } from '../domain/opportunity.errors.js';

/**
 * Contact ids a caller sends (an opportunity's contacts, the people met on a visit) must be contacts working at
 * the opportunity's customer as the caller sees it (Contact: FindCustomerContactsQuery with the caller). Unknown, foreign and
 * hidden ones answer alike: 404 `OPPORTUNITY.CONTACT_NOT_FOUND` naming the ids not accepted.
 */
export async function assertCustomerContacts(queries: QueryBus, actor: Actor, customerId: string, contactIds: readonly string[]): Promise<void> {
  if (contactIds.length === 0) return;
  const known = new Set((await queries.execute(new FindCustomerContactsQuery({ customerId, contactIds }, actor))).map((contact) => contact.contactId));
  const refused = [...new Set(contactIds.filter((id) => !known.has(id)))];
  if (refused.length > 0) throw OpportunityErrors.contactNotFound(refused);
}
