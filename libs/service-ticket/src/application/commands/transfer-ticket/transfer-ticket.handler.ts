import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketAssigner } from '../../ticket-assigner.js';
import { TicketLoader } from '../../ticket-loader.js';
import { TransferTicketCommand } from './transfer-ticket.command.js';

@CommandHandler(TransferTicketCommand)
export class TransferTicketHandler implements ICommandHandler<TransferTicketCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly assigner: TicketAssigner,
  ) {}

  async execute({ actor, ticketId, target, reason, ifMatch }: TransferTicketCommand) {
    const ticket = await this.loader.lockVisible({ kind: 'staff', actor }, ticketId, ifMatch);
    let teamId = target.teamId;
    let handlerId = target.handlerId;
    if (handlerId) {
      const placed = await this.assigner.placeHandler(handlerId);
      teamId ??= placed.teamId;
    } else if (teamId) {
      handlerId = await this.assigner.pickIn(teamId);
    }
    ticket.transfer({ teamId, handlerId, reason, by: { kind: 'user', id: actor.id }, now: new Date() });
    return { teamId, handlerId, version: await this.loader.save(ticket, ifMatch) };
  }
}
