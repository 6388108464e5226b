import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateContactCommand, LinkContactCommand } from '@crm/contracts/contact';
import { CheckCustomerWorkableQuery, CreateCustomerCommand, GetCustomerQuery, UpdateCustomerCommand } from '@crm/contracts/customer';
import { CreateOpportunityCommand, MoveLeadTasksCommand } from '@crm/contracts/opportunity';
import { DomainError } from '@crm/kernel';
import type { Actor, Permission } from '@crm/platform';
import type { ConversionRequest, Lead } from '../domain/lead.aggregate.js';
import { LeadErrors } from '../domain/lead.errors.js';
import { Leads } from '../domain/leads.port.js';

interface CustomerCandidate {
  id: string;
  name: string;
  matchedOn: string;
  heldBy: string;
}

function isCode(error: unknown, code: string): error is DomainError {
  return error instanceof DomainError && error.code === code;
}

/** What a finished conversion produced. */
export interface ConversionOutcome {
  customerId: string;
  customerCreated: boolean;
  contactId: string;
  contactCreated: boolean;
  opportunityId: string | null;
}

/**
 * The steps of a conversion [线索转化] (LEAD-7), through the other contexts' own commands: the
 * customer (created, or an existing one linked), then, once the converter may work that customer,
 * the contact, the opportunity, the lead's open tasks and the lead itself. The second half runs at
 * once, or after an approval when the customer's grade needs one (see FinishLeadConversion).
 */
@Injectable()
export class LeadConversion {
  constructor(
    private readonly leads: Leads,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The customer: the one named (if the caller works it), a new one, or the existing duplicate the caller works. */
  async customer(actor: Actor, lead: Lead, input: { customerId?: string; customerName?: string }): Promise<{ id: string; created: boolean }> {
    if (input.customerId) {
      await this.queries.execute(new CheckCustomerWorkableQuery(actor, input.customerId));
      await this.fillBlanks(actor, lead, input.customerId);
      return { id: input.customerId, created: false };
    }
    need(actor, 'customer:create');
    const { profile } = lead;
    const kind = profile.companyName ? 'enterprise' : 'individual';
    const name = input.customerName ?? profile.companyName ?? profile.personName;
    if (!name) throw LeadErrors.conversionNeedsName();
    try {
      const { id } = await this.commands.execute(
        new CreateCustomerCommand(actor, {
          kind,
          profile: {
            name,
            shortName: null,
            industry: profile.industry,
            creditCode: null,
            country: 'CN',
            province: profile.province,
            city: profile.city,
            size: null,
            type: kind === 'individual' ? 'individual' : 'private',
            phone: kind === 'individual' ? profile.mobile : null,
            email: kind === 'individual' ? profile.email : null,
            website: null,
            parentId: null,
          },
        }),
      );
      return { id, created: true };
    } catch (error) {
      if (!isCode(error, 'CUSTOMER.DUPLICATE')) throw error;
      // The customer exists: link it when the caller works it (filling nothing in), else say who has it.
      const candidates = (error.details?.candidates ?? []) as CustomerCandidate[];
      for (const candidate of candidates) {
        if (!(await this.workable(actor, candidate.id))) continue;
        await this.fillBlanks(actor, lead, candidate.id);
        return { id: candidate.id, created: false };
      }
      throw LeadErrors.customerExists(candidates.map(({ id, name: candidateName, matchedOn, heldBy }) => ({ id, name: candidateName, matchedOn, heldBy })));
    }
  }

  /** The rest, once the actor works the customer: contact, opportunity, the lead's tasks, and the lead converted and saved. */
  async complete(actor: Actor, lead: Lead, customer: { id: string; created: boolean }, request: ConversionRequest): Promise<ConversionOutcome> {
    const contact = await this.contact(actor, lead, customer.id, request);
    const opportunityId = request.opportunity
      ? (
          await this.commands.execute(
            new CreateOpportunityCommand(actor, {
              customerId: customer.id,
              name: request.opportunity.name,
              ...(request.opportunity.pipelineId ? { pipelineId: request.opportunity.pipelineId } : {}),
              type: 'new',
              previousOpportunityId: null,
              amount: request.opportunity.amount,
              currency: 'CNY',
              amountFollowsLines: false,
              expectedCloseDate: request.opportunity.expectedCloseDate,
              source: { kind: 'lead', leadId: lead.id },
              contactIds: [contact.id],
              products: [],
              competitors: [],
            }),
          )
        ).id
      : null;
    // The lead's open tasks follow it to the customer (and opportunity) and its converter, in this unit of work.
    await this.commands.execute(new MoveLeadTasksCommand({ leadId: lead.id, customerId: customer.id, opportunityId, assigneeId: actor.id }));

    lead.convert({
      customerId: customer.id,
      customerCreated: customer.created,
      contactId: contact.id,
      contactCreated: contact.created,
      opportunityId,
      opportunityAmount: request.opportunity?.amount ?? null,
      by: actor.id,
      now: new Date(),
    });
    await this.leads.save(lead);
    return { customerId: customer.id, customerCreated: customer.created, contactId: contact.id, contactCreated: contact.created, opportunityId };
  }

  /**
   * An existing customer the lead is converted onto keeps everything it has; what it lacks and the
   * lead knows is filled in [补全空字段] (industry, province, city; an individual's phone and e-mail),
   * as an edit by the converter, which its history shows.
   */
  private async fillBlanks(actor: Actor, lead: Lead, customerId: string): Promise<void> {
    const customer = await this.queries.execute(new GetCustomerQuery(actor, customerId));
    const { profile } = lead;
    type Field = 'industry' | 'province' | 'city' | 'phone' | 'email';
    const known: [Field, string | null][] = [
      ['industry', profile.industry],
      ['province', profile.province],
      ['city', profile.city],
    ];
    if (customer.kind === 'individual') known.push(['phone', profile.mobile], ['email', profile.email]);
    const blanks = Object.fromEntries(known.filter(([field, value]) => value !== null && customer[field] === null));
    if (Object.keys(blanks).length === 0) return;
    try {
      await this.commands.execute(new UpdateCustomerCommand(actor, customerId, blanks));
    } catch (error) {
      // The phone belongs to another customer already: the rest is filled in, the phone left as it is.
      if (!isCode(error, 'CUSTOMER.DUPLICATE') || !('phone' in blanks)) throw error;
      const { phone: _phone, ...rest } = blanks;
      if (Object.keys(rest).length > 0) await this.commands.execute(new UpdateCustomerCommand(actor, customerId, rest));
    }
  }

  private async workable(actor: Actor, customerId: string): Promise<boolean> {
    try {
      await this.queries.execute(new CheckCustomerWorkableQuery(actor, customerId));
      return true;
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'not-found' || error.kind === 'forbidden')) return false;
      throw error;
    }
  }

  /** The contact: a new one, or the existing person with that phone or e-mail; linked to the customer. */
  private async contact(actor: Actor, lead: Lead, customerId: string, request: ConversionRequest): Promise<{ id: string; created: boolean }> {
    const { profile } = lead;
    let contact: { id: string; created: boolean };
    try {
      const { id } = await this.commands.execute(
        new CreateContactCommand(actor, {
          name: profile.personName ?? profile.companyName ?? request.customerName ?? '',
          phones: profile.mobile ? [profile.mobile] : [],
          emails: profile.email ? [profile.email] : [],
          wechatId: null,
          title: profile.title,
          notes: null,
        }),
      );
      contact = { id, created: true };
    } catch (error) {
      if (!isCode(error, 'CONTACT.DUPLICATE')) throw error;
      const existing = (error.details?.existing ?? []) as { id: string }[];
      if (existing.length === 0) throw error;
      contact = { id: existing[0]!.id, created: false };
    }
    try {
      await this.commands.execute(
        new LinkContactCommand(actor, contact.id, customerId, { role: request.contactRole ?? 'other', title: profile.title, primary: false }),
      );
    } catch (error) {
      // The same person held by someone the caller cannot see: say so rather than "not found".
      if (!contact.created && isCode(error, 'CONTACT.NOT_FOUND')) throw LeadErrors.contactExists();
      if (!isCode(error, 'CONTACT.ALREADY_LINKED')) throw error;
    }
    return contact;
  }
}

/** Converting needs the permissions of everything it creates. */
export function need(actor: Actor, permission: Permission): void {
  if (!actor.permissions.includes(permission)) throw LeadErrors.conversionForbidden(permission);
}
