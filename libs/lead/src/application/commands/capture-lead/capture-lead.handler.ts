import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrentModificationError } from '@crm/kernel';
import { UserDirectory } from '@crm/contracts/identity';
import { v7 as uuidv7 } from 'uuid';
import { Lead } from '../../../domain/lead.aggregate.js';
import { leadKeys } from '../../../domain/lead-keys.js';
import { MASTER_POOL_ID } from '../../../domain/lead-pool.js';
import { LeadErrors, LeadPoolErrors } from '../../../domain/lead.errors.js';
import { Leads } from '../../../domain/leads.port.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { CustomerMatcher, routeToHolder, type MatchedCustomer } from '../../customer-matcher.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadAssigner } from '../../lead-assigner.js';
import { LeadScorer } from '../../lead-scorer.js';
import { CaptureLeadCommand, type CaptureResult } from './capture-lead.command.js';

/** A lost race on the unique keys means the other submission committed: the next look finds it. */
const ATTEMPTS = 3;

@CommandHandler(CaptureLeadCommand)
export class CaptureLeadHandler implements ICommandHandler<CaptureLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly scorer: LeadScorer,
    private readonly users: UserDirectory,
    private readonly customers: CustomerMatcher,
    private readonly assigner: LeadAssigner,
  ) {}

  async execute({ actor, input }: CaptureLeadCommand): Promise<CaptureResult> {
    const keys = leadKeys(input.profile);
    // The pool and the scoring rules in force in one statement.
    const { pool, scoring: rules } = await this.pools.findWithScoringRules(input.poolId ?? MASTER_POOL_ID);
    // Scope `all` (web forms, administrators) sees every pool: no need to ask which ones it belongs to.
    if (!pool || !(actor.dataScope === 'all' || (await this.access.reachOf(actor)).seesPool(pool.path))) throw LeadPoolErrors.notFound();
    if (input.ownerId && !(await this.users.isActiveUser(input.ownerId))) throw LeadErrors.ownerNotActive();
    const now = new Date();
    let customer: MatchedCustomer | null | undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // LEAD-2: the same person again is an activity of their open lead, wherever that lead is.
      const match = await this.leads.lockOpenMatch(keys);
      if (match) {
        const activityId = uuidv7();
        match.lead.mergeSubmission({ activityId, submission: input.profile, matchedOn: match.matchedOn, by: actor.id, now });
        await this.scorer.rescore(match.lead, rules, now, 'merged', activityId);
        await this.leads.save(match.lead);
        return { merged: true, leadId: match.lead.id, activityId };
      }
      // An existing customer (by company name, mobile, or a contact's mobile / e-mail) is flagged, and its holder gets the lead.
      customer ??= (await this.customers.match([keys]))(keys) ?? null;
      const lead = Lead.capture({
        id: uuidv7(),
        profile: input.profile,
        poolId: pool.id,
        poolPath: pool.path,
        ownerId: input.ownerId,
        matchedCustomerId: customer?.customerId ?? null,
        createdBy: actor.id,
        now,
      });
      lead.rescore(rules, [], now, 'captured');
      // Without an owner given, the customer's holder takes it; otherwise the pool's rules may hand it
      // out at once (after scoring: rules may test the grade). A customer in the public pool only flags.
      const routed = !input.ownerId && routeToHolder(lead, customer, actor.id, now);
      const decision = input.ownerId || routed ? null : await this.assigner.assign(lead, pool, actor.id, now);
      // The unique keys decide between racing submissions: the loser merges into the winner on its next look.
      if (await this.leads.add(lead)) {
        await this.assigner.commit(pool.id, decision);
        return { merged: false, leadId: lead.id, activityId: null };
      }
    }
    throw new ConcurrentModificationError('lead');
  }
}
