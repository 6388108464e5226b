import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { parseSegmentConditions } from '../../../domain/segment.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { CreateSegmentCommand } from './create-segment.command.js';

@CommandHandler(CreateSegmentCommand)
export class CreateSegmentHandler implements ICommandHandler<CreateSegmentCommand> {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, segment }: CreateSegmentCommand): Promise<{ id: string }> {
    const conditions = parseSegmentConditions(segment.conditions);
    return this.tx.run(async () => {
      for (const condition of conditions) {
        if ('tagId' in condition && !(await this.tagging.findTag(condition.tagId))) throw TaggingErrors.tagNotFound();
      }
      const id = uuidv7();
      if (!(await this.tagging.insertSegment({ id, name: segment.name, description: segment.description, conditions, createdBy: actor.id }))) {
        throw TaggingErrors.segmentExists(segment.name);
      }
      await this.events.record([
        { type: 'customer.segment-created', version: 1, aggregateType: 'segment', aggregateId: id, payload: { segmentId: id, name: segment.name, conditions } },
      ]);
      return { id };
    });
  }
}
