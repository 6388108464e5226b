import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketLoader } from '../../ticket-loader.js';
import { OverrideEligibilityCommand } from './override-eligibility.command.js';

@CommandHandler(OverrideEligibilityCommand)
export class OverrideEligibilityHandler implements ICommandHandler<OverrideEligibilityCommand> {
  constructor(private readonly loader: TicketLoader) {}

  async execute({ actor, ticketId, reason }: OverrideEligibilityCommand): Promise<{ version: number }> {
    const ticket = await this.loader.lockVisible({ kind: 'staff', actor }, ticketId);
    ticket.overrideEligibility(actor.id, reason, new Date());
    return { version: await this.loader.save(ticket) };
  }
}
