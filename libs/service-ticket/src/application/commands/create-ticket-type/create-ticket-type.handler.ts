import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { TicketEvents } from '../../../contracts/events.js';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { TicketTypeStore } from '../../../infrastructure/ticket-type.store.js';
import { CreateTicketTypeCommand } from './create-ticket-type.command.js';

/** Types nest this deep at most (e.g. 硬件故障 › 屏幕 › 花屏 › 偶发). */
const MAX_TYPE_DEPTH = 4;

@CommandHandler(CreateTicketTypeCommand)
export class CreateTicketTypeHandler implements ICommandHandler<CreateTicketTypeCommand> {
  constructor(
    private readonly types: TicketTypeStore,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ parentId, input }: CreateTicketTypeCommand): Promise<{ typeId: string }> {
    const parent = parentId ? await this.types.find(parentId, true) : undefined;
    if (parentId && !parent) throw TicketErrors.typeNotFound();
    if (parent && parent.path.length >= MAX_TYPE_DEPTH) throw TicketErrors.typeTooDeep(MAX_TYPE_DEPTH);
    const id = uuidv7();
    const name = input.name.trim();
    const inserted = await this.types.insert({ id, parentId, path: [...(parent?.path ?? []), id], ...input, name, version: 1 });
    if (!inserted) throw TicketErrors.typeDuplicate();
    this.uow.raise(TicketEvents.typeConfigured.create(id, { typeId: id, parentId, ...input, name }));
    return { typeId: id };
  }
}
