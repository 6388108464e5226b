import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { TicketErrors } from '../../../domain/ticket.errors.js';
import { AssignmentStore } from '../../../infrastructure/assignment.store.js';
import { SetAgentCapacityCommand } from './set-agent-capacity.command.js';

@CommandHandler(SetAgentCapacityCommand)
export class SetAgentCapacityHandler implements ICommandHandler<SetAgentCapacityCommand> {
  constructor(
    private readonly store: AssignmentStore,
    private readonly directory: UserDirectory,
  ) {}

  async execute({ userId, capacity }: SetAgentCapacityCommand): Promise<void> {
    if (!(await this.directory.isActiveUser(userId))) throw TicketErrors.handlerNotActive();
    await this.store.setCapacity(userId, capacity);
  }
}
