import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved, UnitOfWork } from '@crm/platform';
import { TicketEvents } from '../../../contracts/events.js';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { TicketTypeStore } from '../../../infrastructure/ticket-type.store.js';
import { UpdateTicketTypeCommand } from './update-ticket-type.command.js';

@CommandHandler(UpdateTicketTypeCommand)
export class UpdateTicketTypeHandler implements ICommandHandler<UpdateTicketTypeCommand> {
  constructor(
    private readonly types: TicketTypeStore,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ typeId, edits, ifMatch }: UpdateTicketTypeCommand): Promise<{ version: number }> {
    const type = await this.types.find(typeId, true);
    if (!type) throw TicketErrors.typeNotFound();
    assertIfMatch('ticket type', ifMatch, type.version);
    const next = { ...type, ...edits, name: (edits.name ?? type.name).trim() };
    let version: number | null;
    try {
      version = await this.types.update(next, type.version);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw TicketErrors.typeDuplicate();
      throw error;
    }
    await assertSaved(version !== null, 'ticket type', ifMatch, () => type.version);
    const { name, parentId, eligibilityPolicy, reopenWindowDays, active } = next;
    this.uow.raise(TicketEvents.typeConfigured.create(typeId, { typeId, name, parentId, eligibilityPolicy, reopenWindowDays, active }));
    return { version: version! };
  }
}
