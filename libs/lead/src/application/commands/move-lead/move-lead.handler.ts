import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch } from '@crm/platform';
import { LeadErrors, LeadPoolErrors } from '../../../domain/lead.errors.js';
import { Leads } from '../../../domain/leads.port.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { MoveLeadCommand } from './move-lead.command.js';

@CommandHandler(MoveLeadCommand)
export class MoveLeadHandler implements ICommandHandler<MoveLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, leadId, toPoolId, reason, expectedVersion }: MoveLeadCommand): Promise<{ version: number }> {
    const lead = await this.leads.lock(leadId);
    const reach = await this.access.reachOf(actor);
    if (!lead || !reach.seesLead(lead.snapshot())) throw LeadErrors.notFound();
    const { poolPath } = lead.snapshot();
    if (!reach.managesPool(poolPath)) throw LeadErrors.notPoolAdmin();
    // Anywhere the caller reaches, or back up the lead's own path (to the parent pool, the master pool).
    const target = await this.pools.find(toPoolId);
    if (!target || !(reach.seesPool(target.path) || poolPath.includes(target.id))) throw LeadPoolErrors.notFound();
    assertIfMatch('lead', expectedVersion, lead.version);
    lead.moveTo({ id: target.id, path: target.path }, reason, actor.id, new Date());
    await this.leads.save(lead);
    return { version: lead.version };
  }
}
