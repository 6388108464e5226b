import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TicketStatus } from '../../../domain/ticket.types.js';
import { TicketTypeStore } from '../../../infrastructure/ticket-type.store.js';
import { TicketLoader } from '../../ticket-loader.js';
import { actorRefOf } from '../../ticket-principal.js';
import { ChangeTicketStatusCommand } from './change-ticket-status.command.js';

@CommandHandler(ChangeTicketStatusCommand)
export class ChangeTicketStatusHandler implements ICommandHandler<ChangeTicketStatusCommand> {
  constructor(
    private readonly loader: TicketLoader,
    private readonly types: TicketTypeStore,
  ) {}

  async execute({ by, ticketId, to, details, ifMatch }: ChangeTicketStatusCommand): Promise<{ status: TicketStatus; version: number }> {
    const ticket = await this.loader.lockVisible(by, ticketId, ifMatch);
    const type = await this.types.find(ticket.snapshot().typeId);
    ticket.changeStatus(to, { by: actorRefOf(by), now: new Date(), ...details, reopenWindowDays: type?.reopenWindowDays ?? 0 });
    return { status: ticket.status, version: await this.loader.save(ticket, ifMatch) };
  }
}
