import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { CustomerEvents } from '../../../contracts/events.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { CreateTagCommand } from './create-tag.command.js';

@CommandHandler(CreateTagCommand)
export class CreateTagHandler implements ICommandHandler<CreateTagCommand> {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ tag }: CreateTagCommand): Promise<{ id: string }> {
    const id = uuidv7();
    if (!(await this.tagging.insertTag({ id, ...tag }))) throw TaggingErrors.tagExists(tag.name);
    this.uow.raise(CustomerEvents.tagCreated.create(id, { tagId: id, ...tag }));
    return { id };
  }
}
