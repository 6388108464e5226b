import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { MatchContactsQuery } from '@crm/contracts/contact';
import { MatchCustomersQuery } from '@crm/contracts/customer';
import { UserDirectory } from '@crm/contracts/identity';
import type { Lead } from '../domain/lead.aggregate.js';
import type { LeadKeys } from '../domain/lead-keys.js';

/** The existing customer a new lead names [已是客户], and who holds it when that person is active (null: public pool or inactive holder). */
export interface MatchedCustomer {
  customerId: string;
  holderId: string | null;
}

/**
 * Existing customers new leads name (LEAD-2), for captures, web forms and import batches alike,
 * asked of the Customer and Contact contexts through their contracts in two statements whatever
 * the number of leads (a third, for the holders' activity, only when a match has a holder): an
 * enterprise with the lead's company name, an individual with its mobile, or a contact with its
 * mobile or e-mail working at a customer. Company name first, then the mobile, then the contact.
 */
@Injectable()
export class CustomerMatcher {
  constructor(
    private readonly queries: QueryBus,
    private readonly users: UserDirectory,
  ) {}

  /** Answers, per lead's keys, the customer it matches and its active holder. */
  async match(keys: readonly LeadKeys[]): Promise<(k: LeadKeys) => MatchedCustomer | undefined> {
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null))];
    const phones = distinct(keys.map((k) => k.mobile));
    const emails = distinct(keys.map((k) => k.email));
    const contacts = await this.queries.execute(new MatchContactsQuery({ phones, emails }));
    const contactCustomer = new Map(contacts.map((match) => [`${match.kind}:${match.value}`, match.customerId]));
    const customers = await this.queries.execute(
      new MatchCustomersQuery({ names: distinct(keys.map((k) => k.company)), phones, ids: distinct(contacts.map((match) => match.customerId)) }),
    );
    const byKey = new Map(customers.map((match) => [`${match.on}:${match.key}`, match]));
    const active = new Set(await this.users.activeUserIds(distinct(customers.map((match) => match.ownerId))));
    return (k) => {
      const match =
        (k.company ? byKey.get(`name:${k.company}`) : undefined) ??
        (k.mobile ? byKey.get(`phone:${k.mobile}`) : undefined) ??
        [k.mobile && contactCustomer.get(`phone:${k.mobile}`), k.email && contactCustomer.get(`email:${k.email}`)]
          .filter((id): id is string => !!id)
          .map((id) => byKey.get(`id:${id}`))
          .find((found) => found !== undefined);
      if (!match) return undefined;
      return { customerId: match.customerId, holderId: match.ownerId && active.has(match.ownerId) ? match.ownerId : null };
    };
  }
}

/**
 * Someone already holds the customer a new lead matches: the lead goes to them
 * (`lead.assigned` `auto`, strategy `customer-holder`), not to the pool's rules. Answers whether it did.
 */
export function routeToHolder(lead: Lead, customer: MatchedCustomer | null | undefined, by: string, now: Date): boolean {
  if (!customer?.holderId) return false;
  lead.assign({ ownerId: customer.holderId, how: 'auto', by, now, strategy: 'customer-holder', reason: `holder of customer ${customer.customerId}` });
  return true;
}
