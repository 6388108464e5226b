import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { CustomerEvents } from '../../../contracts/events.js';
import { parseSegmentConditions } from '../../../domain/segment.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { CreateSegmentCommand } from './create-segment.command.js';

@CommandHandler(CreateSegmentCommand)
export class CreateSegmentHandler implements ICommandHandler<CreateSegmentCommand> {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, segment }: CreateSegmentCommand): Promise<{ id: string }> {
    const conditions = parseSegmentConditions(segment.conditions);
    for (const condition of conditions) {
      if ('tagId' in condition && !(await this.tagging.findTag(condition.tagId))) throw TaggingErrors.tagNotFound();
    }
    const id = uuidv7();
    if (!(await this.tagging.insertSegment({ id, name: segment.name, description: segment.description, conditions, createdBy: actor.id }))) {
      throw TaggingErrors.segmentExists(segment.name);
    }
    this.uow.raise(CustomerEvents.segmentCreated.create(id, { segmentId: id, name: segment.name, conditions }));
    return { id };
  }
}
