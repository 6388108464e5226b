import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { capacityOf } from '../../../domain/lead-assignment.js';
import { withinAny } from '../../../domain/lead-pool.js';
import { LeadErrors } from '../../../domain/lead.errors.js';
import { Leads } from '../../../domain/leads.port.js';
import { AssignmentStore } from '../../../infrastructure/assignment-store.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { ClaimLeadCommand } from './claim-lead.command.js';

const DAY_MS = 24 * 60 * 60 * 1000;

@CommandHandler(ClaimLeadCommand)
export class ClaimLeadHandler implements ICommandHandler<ClaimLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly store: AssignmentStore,
  ) {}

  async execute({ actor, leadId }: ClaimLeadCommand): Promise<{ version: number }> {
    // Two grabs of one lead queue on its row: the second finds it owned (409).
    const lead = await this.leads.lock(leadId);
    const reach = await this.access.reachOf(actor);
    if (!lead || !reach.seesLead(lead.snapshot())) throw LeadErrors.notFound();
    if (!withinAny(lead.poolPath, reach.poolIds)) throw LeadErrors.claimNotMember();
    if (lead.ownerId !== null) throw LeadErrors.alreadyOwned();
    const pool = (await this.pools.find(lead.poolId))!;
    // One person's claims in one pool take turns, so two at once cannot both slip under a limit.
    await this.store.lockPool(pool.id);
    const now = new Date();
    const { rules } = pool;
    const capacity = capacityOf(rules, actor.id);
    if (capacity !== null && ((await this.store.openLoads(pool.id, [actor.id])).get(actor.id) ?? 0) >= capacity) throw LeadErrors.claimLimitHeld(capacity);
    if (rules.maxClaimsPerDay !== null && (await this.store.claimsToday(pool.id, actor.id)) >= rules.maxClaimsPerDay) {
      throw LeadErrors.claimLimitDaily(rules.maxClaimsPerDay);
    }
    if (rules.reclaimCooldownDays !== null) {
      const recycled = await this.store.lastRecycledFrom(lead.id, actor.id);
      const until = recycled && new Date(recycled.getTime() + rules.reclaimCooldownDays * DAY_MS);
      if (until && until > now) throw LeadErrors.claimCoolingDown(until.toISOString());
    }
    lead.assign({ ownerId: actor.id, how: 'claim', by: actor.id, now });
    await this.leads.save(lead);
    return { version: lead.version };
  }
}
