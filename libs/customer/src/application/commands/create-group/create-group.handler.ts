import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { CreateGroupCommand } from './create-group.command.js';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly tagging: TaggingRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, name }: CreateGroupCommand): Promise<{ id: string }> {
    return this.tx.run(async () => {
      const id = uuidv7();
      if (!(await this.tagging.insertGroup({ id, name, createdBy: actor.id }))) throw TaggingErrors.groupExists(name);
      await this.events.record([{ type: 'customer.group-created', version: 1, aggregateType: 'customer-group', aggregateId: id, payload: { groupId: id, name } }]);
      return { id };
    });
  }
}
