import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@crm/kernel';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { checkPoolRules } from '../../../domain/pool-rules.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { CreatePoolCommand } from './create-pool.command.js';

@CommandHandler(CreatePoolCommand)
export class CreatePoolHandler implements ICommandHandler<CreatePoolCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ input }: CreatePoolCommand): Promise<{ id: string }> {
    return this.tx.run(async () => {
      const id = uuidv7();
      if (!(await this.pool.insertPool({ id, ...input, rules: checkPoolRules(input.rules) }))) {
        throw new DomainError('POOL.DEPARTMENT_HAS_POOL', 'conflict', 'That department already has a pool.');
      }
      await this.events.record([
        { type: 'pool.pool-created', version: 1, aggregateType: 'pool', aggregateId: id, payload: { poolId: id, ...input } },
      ]);
      return { id };
    });
  }
}
