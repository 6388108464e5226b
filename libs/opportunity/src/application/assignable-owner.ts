import type { QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { CheckCustomerWorkableQuery } from '@crm/contracts/customer';
import { DataScope, type Actor } from '@crm/platform';
import { OpportunityErrors } from '../domain/opportunity.errors.js';
import type { OpportunityPeople } from '../infrastructure/opportunity-people.js';

/**
 * Whether the caller may make someone else the owner of an opportunity on this customer: an active
 * user within the caller's data scope who works the customer (holds it within their own scope), so
 * the visits they record count as the customer's follow-ups.
 */
export async function assertAssignableOwner(
  people: OpportunityPeople,
  queries: QueryBus,
  caller: Actor,
  ownerId: string,
  customerId: string,
  notAssignable: () => DomainError,
): Promise<void> {
  const owner = DataScope.of(caller).allows({ ownerId }) ? await people.asActor(ownerId) : null;
  if (!owner) throw notAssignable();
  try {
    await queries.execute(new CheckCustomerWorkableQuery(owner, customerId));
  } catch (refusal) {
    if (refusal instanceof DomainError) throw OpportunityErrors.ownerCannotWorkCustomer();
    throw refusal;
  }
}
