import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { TicketAssigner } from '../../ticket-assigner.js';
import { TicketLoader } from '../../ticket-loader.js';
import { GrabTicketCommand } from './grab-ticket.command.js';

@CommandHandler(GrabTicketCommand)
export class GrabTicketHandler implements ICommandHandler<GrabTicketCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly assigner: TicketAssigner,
  ) {}

  /** The ticket row lock serialises grabs: the second grabber finds a handler and gets TICKET.ALREADY_TAKEN. */
  async execute({ actor, ticketId }: GrabTicketCommand): Promise<{ version: number }> {
    const ticket = await this.loader.lockVisible({ kind: 'staff', actor }, ticketId);
    const { teamId, handlerId } = ticket.snapshot();
    if (handlerId !== null) throw TicketErrors.alreadyTaken(handlerId);
    if (teamId === null || teamId !== actor.teamId) throw TicketErrors.notInTeam();
    await this.assigner.assertRoom(teamId, actor.id);
    ticket.assign({ teamId, handlerId: actor.id, how: 'grab', by: { kind: 'user', id: actor.id }, now: new Date() });
    return { version: await this.loader.save(ticket) };
  }
}
