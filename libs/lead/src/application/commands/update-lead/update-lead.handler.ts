import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch } from '@crm/platform';
import { LeadErrors } from '../../../domain/lead.errors.js';
import { Leads } from '../../../domain/leads.port.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { CustomerMatcher, routeToHolder } from '../../customer-matcher.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadScorer } from '../../lead-scorer.js';
import { UpdateLeadCommand } from './update-lead.command.js';

@CommandHandler(UpdateLeadCommand)
export class UpdateLeadHandler implements ICommandHandler<UpdateLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly access: LeadAccess,
    private readonly rules: LeadScoringRules,
    private readonly scorer: LeadScorer,
    private readonly customers: CustomerMatcher,
  ) {}

  async execute({ actor, leadId, edits, expectedVersion }: UpdateLeadCommand): Promise<{ version: number }> {
    const lead = await this.leads.lock(leadId);
    const reach = await this.access.reachOf(actor);
    if (!lead || !reach.seesLead(lead.snapshot())) throw LeadErrors.notFound();
    assertIfMatch('lead', expectedVersion, lead.version);
    const now = new Date();
    const changes = lead.update(edits, now);
    if (Object.keys(changes).length === 0) return { version: lead.version };
    if (changes.mobile || changes.email || changes.companyName) {
      const duplicate = await this.leads.findOpenDuplicate(lead.keys, leadId);
      if (duplicate) throw LeadErrors.duplicate(duplicate.leadId, duplicate.matchedOn);
      // New keys may name an existing customer [已是客户] as a capture would (LEAD-2): flagged, and a lead nobody works goes to its holder.
      const customer = (await this.customers.match([lead.keys]))(lead.keys) ?? null;
      lead.matchCustomer(customer?.customerId ?? null);
      if (lead.ownerId === null) routeToHolder(lead, customer, actor.id, now);
    }
    await this.scorer.rescore(lead, await this.rules.current(), now, 'updated');
    await this.leads.save(lead);
    return { version: lead.version };
  }
}
