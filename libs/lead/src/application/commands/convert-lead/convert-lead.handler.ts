import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { GetPipelineQuery } from '@crm/contracts/opportunity';
import { GetClaimStatusQuery } from '@crm/contracts/pool';
import { LeadErrors } from '../../../domain/lead.errors.js';
import type { ConversionRequest } from '../../../domain/lead.aggregate.js';
import { Leads } from '../../../domain/leads.port.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadConversion, need } from '../../lead-conversion.js';
import { ConvertLeadCommand, type ConversionResult, type ConvertLeadInput } from './convert-lead.command.js';

const requestOf = (input: ConvertLeadInput): ConversionRequest => ({
  customerName: input.customerName ?? null,
  contactRole: input.contactRole ?? null,
  opportunity: input.opportunity ? { ...input.opportunity, pipelineId: input.opportunity.pipelineId ?? null } : null,
});

@CommandHandler(ConvertLeadCommand)
export class ConvertLeadHandler implements ICommandHandler<ConvertLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly access: LeadAccess,
    private readonly conversion: LeadConversion,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, leadId, input }: ConvertLeadCommand): Promise<ConversionResult> {
    const lead = await this.leads.lock(leadId);
    const reach = await this.access.reachOf(actor);
    if (!lead || !reach.seesLead(lead.snapshot())) throw LeadErrors.notFound();
    // Its owner converts it, or an admin of its pool; others claim it first.
    if (lead.ownerId !== actor.id && !reach.managesPool(lead.poolPath)) throw LeadErrors.notYours();
    if (lead.snapshot().status !== 'open') throw LeadErrors.notOpen(lead.snapshot().status);
    need(actor, 'contact:create');
    if (input.opportunity) need(actor, 'opportunity:create');
    const request = requestOf(input);

    const customer = await this.conversion.customer(actor, lead, input);
    const base = { leadId: lead.id, customerId: customer.id, customerCreated: customer.created, poolId: lead.poolId };
    if (customer.created) {
      // The grade rules apply as to any new customer (POOL-3): the converter may have to wait for an approver.
      const holding = await this.queries.execute(new GetClaimStatusQuery(customer.id, actor.id));
      if (holding.status === 'pending-approval') {
        // What can be checked now is checked now, not after the approval: the pipeline the opportunity will follow.
        if (request.opportunity?.pipelineId) await this.queries.execute(new GetPipelineQuery(request.opportunity.pipelineId));
        const { applicationId, approvalRequestId, reservedUntil } = holding;
        lead.awaitConversionApproval({
          customerId: customer.id,
          applicationId,
          approvalRequestId,
          reservedUntil: new Date(reservedUntil),
          request,
          requestedBy: actor.id,
          now: new Date(),
        });
        await this.leads.save(lead);
        return {
          status: 'pending-approval',
          ...base,
          contactId: null,
          contactCreated: false,
          opportunityId: null,
          approval: { applicationId, approvalRequestId, reservedUntil },
        };
      }
    }
    const outcome = await this.conversion.complete(actor, lead, customer, request);
    return { status: 'converted', ...base, ...outcome, approval: null };
  }
}
