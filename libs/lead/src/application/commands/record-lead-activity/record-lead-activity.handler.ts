import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { LeadErrors } from '../../../domain/lead.errors.js';
import { Leads } from '../../../domain/leads.port.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadScorer } from '../../lead-scorer.js';
import { RecordLeadActivityCommand, type RecordedActivity } from './record-lead-activity.command.js';

@CommandHandler(RecordLeadActivityCommand)
export class RecordLeadActivityHandler implements ICommandHandler<RecordLeadActivityCommand> {
  constructor(
    private readonly leads: Leads,
    private readonly access: LeadAccess,
    private readonly rules: LeadScoringRules,
    private readonly scorer: LeadScorer,
  ) {}

  async execute({ actor, leadId, activity }: RecordLeadActivityCommand): Promise<RecordedActivity> {
    const lead = await this.leads.lock(leadId);
    const reach = await this.access.reachOf(actor);
    if (!lead || !reach.seesLead(lead.snapshot())) throw LeadErrors.notFound();
    const now = new Date();
    const activityId = uuidv7();
    lead.recordActivity({ id: activityId, ...activity, recordedBy: actor.id }, now);
    await this.scorer.rescore(lead, await this.rules.current(), now, 'activity', activityId);
    await this.leads.save(lead);
    const { score, grade } = lead.snapshot().scoring;
    return { activityId, score, grade };
  }
}
