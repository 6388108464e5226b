import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved, UnitOfWork } from '@crm/platform';
import { PoolEvents } from '../../../contracts/events.js';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { checkPoolRules } from '../../../domain/pool-rules.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { isPoolAdmin } from '../../pool-access.js';
import { ChangePoolCommand } from './change-pool.command.js';

@CommandHandler(ChangePoolCommand)
export class ChangePoolHandler implements ICommandHandler<ChangePoolCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, poolId, changes, expectedVersion }: ChangePoolCommand): Promise<{ version: number }> {
    const current = await this.pool.findPool(poolId);
    if (!current) throw PoolErrors.poolNotFound();
    if (!isPoolAdmin(actor, current)) throw PoolErrors.notPoolAdmin();
    const rules = checkPoolRules({ ...current.rules, ...(changes.rules ?? {}) });
    const adminIds = changes.adminIds ?? current.adminIds;
    // Always conditional on the version read: a concurrent edit is a 412 (If-Match) or 409, never lost.
    const version = await this.pool.updatePool(poolId, { rules, adminIds }, expectedVersion ?? current.version);
    await assertSaved(version !== undefined, 'pool', expectedVersion, () => current.version);
    this.uow.raise(
      PoolEvents.poolChanged.create(poolId, {
        poolId,
        changes: { rules: { from: current.rules, to: rules }, adminIds: { from: current.adminIds, to: adminIds } },
      }),
    );
    return { version: version! };
  }
}
