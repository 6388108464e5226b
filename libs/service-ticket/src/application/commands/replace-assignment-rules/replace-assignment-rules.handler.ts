import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AssignmentRule } from '../../../domain/assignment.js';
import { AssignmentStore } from '../../../infrastructure/assignment.store.js';
import { TicketAssigner } from '../../ticket-assigner.js';
import { ReplaceAssignmentRulesCommand } from './replace-assignment-rules.command.js';

@CommandHandler(ReplaceAssignmentRulesCommand)
export class ReplaceAssignmentRulesHandler implements ICommandHandler<ReplaceAssignmentRulesCommand> {
  constructor(
    private readonly store: AssignmentStore,
    private readonly assigner: TicketAssigner,
  ) {}

  async execute({ rules }: ReplaceAssignmentRulesCommand): Promise<AssignmentRule[]> {
    for (const teamId of new Set(rules.map((rule) => rule.teamId))) await this.assigner.teamMembers(teamId);
    return this.store.replaceRules(rules);
  }
}
