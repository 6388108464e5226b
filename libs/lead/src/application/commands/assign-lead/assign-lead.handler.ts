import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { assertIfMatch } from '@crm/platform';
import { LeadErrors } from '../../../domain/lead.errors.js';
import { Leads } from '../../../domain/leads.port.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { AssignLeadCommand } from './assign-lead.command.js';

@CommandHandler(AssignLeadCommand)
export class AssignLeadHandler implements ICommandHandler<AssignLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly users: UserDirectory,
  ) {}

  async execute({ actor, leadId, ownerId, reason, expectedVersion }: AssignLeadCommand): Promise<{ version: number }> {
    const lead = await this.leads.lock(leadId);
    const reach = await this.access.reachOf(actor);
    if (!lead || !reach.seesLead(lead.snapshot())) throw LeadErrors.notFound();
    if (!reach.managesPool(lead.poolPath)) throw LeadErrors.notPoolAdmin();
    assertIfMatch('lead', expectedVersion, lead.version);
    // Someone who works this pool: a member or admin of it or of a pool above it, and active.
    if (!(await this.pools.peopleOnPath(lead.poolPath)).has(ownerId) || !(await this.users.isActiveUser(ownerId))) throw LeadErrors.notAssignable();
    lead.assign({ ownerId, how: 'manual', by: actor.id, now: new Date(), reason });
    await this.leads.save(lead);
    return { version: lead.version };
  }
}
