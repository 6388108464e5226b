import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, type Actor } from '@crm/platform';
import { ClosureReasonErrors } from '../../../domain/closure-reason.js';
import type { Lead } from '../../../domain/lead.aggregate.js';
import { LeadErrors } from '../../../domain/lead.errors.js';
import { Leads } from '../../../domain/leads.port.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { ClosureReasonStore } from '../../../infrastructure/closure-reason-store.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadScorer } from '../../lead-scorer.js';
import { CloseLeadCommand, ReopenLeadCommand } from './close-lead.command.js';

/** The lead locked, in the caller's reach (else 404), and theirs or in a pool they admin (else 403). */
async function lockForClosure(leads: Leads, access: LeadAccess, actor: Actor, leadId: string, expectedVersion: number | undefined): Promise<Lead> {
  const lead = await leads.lock(leadId);
  const reach = await access.reachOf(actor);
  if (!lead || !reach.seesLead(lead.snapshot())) throw LeadErrors.notFound();
  if (lead.ownerId !== actor.id && !reach.managesPool(lead.poolPath)) throw LeadErrors.closureForbidden();
  assertIfMatch('lead', expectedVersion, lead.version);
  return lead;
}

@CommandHandler(CloseLeadCommand)
export class CloseLeadHandler implements ICommandHandler<CloseLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly access: LeadAccess,
    private readonly reasons: ClosureReasonStore,
  ) {}

  /** 422 `LEAD.CLOSURE_REASON_UNAVAILABLE` for a key not in the list or deactivated. */
  async execute({ actor, leadId, reasonKey, note, expectedVersion }: CloseLeadCommand): Promise<{ version: number }> {
    const lead = await lockForClosure(this.leads, this.access, actor, leadId, expectedVersion);
    const reason = await this.reasons.find(reasonKey);
    if (!reason?.active) throw ClosureReasonErrors.unavailable(reasonKey);
    lead.close({ reason, note, by: actor.id, now: new Date() });
    await this.leads.save(lead);
    return { version: lead.version };
  }
}

@CommandHandler(ReopenLeadCommand)
export class ReopenLeadHandler implements ICommandHandler<ReopenLeadCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly access: LeadAccess,
    private readonly scorer: LeadScorer,
    private readonly rules: LeadScoringRules,
  ) {}

  /** Back in its pool with its owner, re-scored with the rules in force; 409 `LEAD.DUPLICATE` when an open lead took its mobile or e-mail meanwhile. */
  async execute({ actor, leadId, note, expectedVersion }: ReopenLeadCommand): Promise<{ version: number }> {
    const lead = await lockForClosure(this.leads, this.access, actor, leadId, expectedVersion);
    const now = new Date();
    lead.reopen({ note, by: actor.id, now });
    const duplicate = await this.leads.findOpenDuplicate(lead.keys, lead.id);
    if (duplicate) throw LeadErrors.duplicate(duplicate.leadId, duplicate.matchedOn);
    await this.scorer.rescore(lead, await this.rules.current(), now, 'reopened');
    await this.leads.save(lead);
    return { version: lead.version };
  }
}
