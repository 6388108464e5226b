import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { OpportunityEvents } from '../../../contracts/events.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { Pipelines } from '../../../domain/pipelines.port.js';
import { CreateLossReasonCommand } from './create-loss-reason.command.js';

@CommandHandler(CreateLossReasonCommand)
export class CreateLossReasonHandler implements ICommandHandler<CreateLossReasonCommand> {
  constructor(
    private readonly pipelines: Pipelines,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(command: CreateLossReasonCommand): Promise<{ id: string; name: string; createdAt: string }> {
    const reason = { id: uuidv7(), name: command.name.trim() };
    const createdAt = new Date();
    if (!(await this.pipelines.addLossReason(reason, createdAt))) throw OpportunityErrors.lossReasonExists(reason.name);
    this.uow.raise(OpportunityEvents.lossReasonCreated.create(reason.id, { lossReasonId: reason.id, name: reason.name }));
    return { ...reason, createdAt: createdAt.toISOString() };
  }
}
