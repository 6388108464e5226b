import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { TicketLoader } from '../../ticket-loader.js';
import { actorRefOf } from '../../ticket-principal.js';
import { AddTicketRecordCommand } from './add-ticket-record.command.js';

@CommandHandler(AddTicketRecordCommand)
export class AddTicketRecordHandler implements ICommandHandler<AddTicketRecordCommand> {
  constructor(private readonly loader: TicketLoader) {}

  async execute({ by, ticketId, kind, body }: AddTicketRecordCommand): Promise<{ recordId: string; status: string }> {
    const ticket = await this.loader.lockVisible(by, ticketId);
    const recordId = uuidv7();
    // A visitor can only reply; staff can never speak as the customer.
    const recordKind = by.kind === 'portal' ? 'customer-reply' : kind === 'customer-reply' ? 'internal-note' : kind;
    ticket.addRecord({ id: recordId, kind: recordKind, body, author: actorRefOf(by), createdAt: new Date() });
    await this.loader.save(ticket);
    return { recordId, status: ticket.status };
  }
}
