import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrentModificationError, PreconditionFailedError } from '@crm/kernel';
import { EventRecorder, TransactionHost } from '@crm/platform';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { checkPoolRules } from '../../../domain/pool-rules.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { isPoolAdmin } from '../../pool-access.js';
import { ChangePoolCommand } from './change-pool.command.js';

@CommandHandler(ChangePoolCommand)
export class ChangePoolHandler implements ICommandHandler<ChangePoolCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, poolId, changes, expectedVersion }: ChangePoolCommand): Promise<{ version: number }> {
    return this.tx.run(async () => {
      const current = await this.pool.findPool(poolId);
      if (!current) throw PoolErrors.poolNotFound();
      if (!isPoolAdmin(actor, current)) throw PoolErrors.notPoolAdmin();
      const rules = checkPoolRules({ ...current.rules, ...(changes.rules ?? {}) });
      const adminIds = changes.adminIds ?? current.adminIds;
      // Always conditional on the version read: a concurrent edit is a 412 (If-Match) or 409, never lost.
      const version = await this.pool.updatePool(poolId, { rules, adminIds }, expectedVersion ?? current.version);
      if (version === undefined) {
        if (expectedVersion !== undefined) throw new PreconditionFailedError('pool', current.version);
        throw new ConcurrentModificationError('pool');
      }
      await this.events.record([
        {
          type: 'pool.pool-changed',
          version: 1,
          aggregateType: 'pool',
          aggregateId: poolId,
          payload: { poolId, changes: { rules: { from: current.rules, to: rules }, adminIds: { from: current.adminIds, to: adminIds } } },
        },
      ]);
      return { version };
    });
  }
}
