import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { PoolEvents } from '../../../contracts/events.js';
import { checkPoolRules } from '../../../domain/pool-rules.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { CreatePoolCommand } from './create-pool.command.js';

@CommandHandler(CreatePoolCommand)
export class CreatePoolHandler implements ICommandHandler<CreatePoolCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ input }: CreatePoolCommand): Promise<{ id: string }> {
    const id = uuidv7();
    if (!(await this.pool.insertPool({ id, ...input, rules: checkPoolRules(input.rules) }))) {
      throw new DomainError('POOL.DEPARTMENT_HAS_POOL', 'conflict', 'That department already has a pool.');
    }
    this.uow.raise(PoolEvents.poolCreated.create(id, { poolId: id, ...input }));
    return { id };
  }
}
