import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketAssigner } from '../../ticket-assigner.js';
import { TicketLoader } from '../../ticket-loader.js';
import { AssignTicketCommand } from './assign-ticket.command.js';

@CommandHandler(AssignTicketCommand)
export class AssignTicketHandler implements ICommandHandler<AssignTicketCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly assigner: TicketAssigner,
  ) {}

  async execute({ actor, ticketId, target, ifMatch }: AssignTicketCommand) {
    const ticket = await this.loader.lockVisible({ kind: 'staff', actor }, ticketId, ifMatch);
    let teamId = target.teamId;
    let handlerId = target.handlerId;
    if (handlerId) teamId ??= (await this.assigner.placeHandler(handlerId)).teamId;
    else if (teamId) handlerId = await this.assigner.pickIn(teamId);
    ticket.assign({ teamId, handlerId, how: 'manual', by: { kind: 'user', id: actor.id }, now: new Date() });
    return { teamId, handlerId, version: await this.loader.save(ticket, ifMatch) };
  }
}
