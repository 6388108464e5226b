import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketLoader } from '../../ticket-loader.js';
import { RateTicketCommand } from './rate-ticket.command.js';

@CommandHandler(RateTicketCommand)
export class RateTicketHandler implements ICommandHandler<RateTicketCommand> {
  constructor(private readonly loader: TicketLoader) {}

  async execute({ visitor, ticketId, score, comment }: RateTicketCommand): Promise<{ version: number }> {
    const ticket = await this.loader.lockVisible({ kind: 'portal', visitor }, ticketId);
    ticket.rate(score, comment, new Date());
    return { version: await this.loader.save(ticket) };
  }
}
