import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { CustomerEvents } from '../../../contracts/events.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { CreateGroupCommand } from './create-group.command.js';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, name }: CreateGroupCommand): Promise<{ id: string }> {
    const id = uuidv7();
    if (!(await this.tagging.insertGroup({ id, name, createdBy: actor.id }))) throw TaggingErrors.groupExists(name);
    this.uow.raise(CustomerEvents.groupCreated.create(id, { groupId: id, name }));
    return { id };
  }
}
