import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { LeadEvents } from '../../contracts/events.js';
import { RescoreOpenLeadsCommand } from '../commands/rescore-open-leads/rescore-open-leads.command.js';

/**
 * A rule change re-scores every open lead (LEAD-3) after it commits, so the editor's request stays
 * fast; delivered through the outbox, it survives a crash and runs once.
 */
@Injectable()
@EventReaction({ consumer: 'lead.rescore-on-rules-change', events: [LeadEvents.scoringRulesChanged] })
export class RescoreOnRulesChangeReaction implements EventReactionHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!LeadEvents.scoringRulesChanged.matches(event)) return;
    await this.commands.execute(new RescoreOpenLeadsCommand());
  }
}
