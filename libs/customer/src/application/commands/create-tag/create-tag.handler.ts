import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { CreateTagCommand } from './create-tag.command.js';

@CommandHandler(CreateTagCommand)
export class CreateTagHandler implements ICommandHandler<CreateTagCommand> {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ tag }: CreateTagCommand): Promise<{ id: string }> {
    return this.tx.run(async () => {
      const id = uuidv7();
      if (!(await this.tagging.insertTag({ id, ...tag }))) throw TaggingErrors.tagExists(tag.name);
      await this.events.record([{ type: 'customer.tag-created', version: 1, aggregateType: 'tag', aggregateId: id, payload: { tagId: id, ...tag } }]);
      return { id };
    });
  }
}
