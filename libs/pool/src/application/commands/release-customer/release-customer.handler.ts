import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { canSeeOwner, EventRecorder, TransactionHost } from '@crm/platform';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { poolEvent } from '../../../domain/pool.events.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { isPoolAdmin, isPoolMember } from '../../pool-access.js';
import { ProtectionSync } from '../../protection-sync.js';
import { ReleaseCustomerCommand } from './release-customer.command.js';

@CommandHandler(ReleaseCustomerCommand)
export class ReleaseCustomerHandler implements ICommandHandler<ReleaseCustomerCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly sync: ProtectionSync,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  execute({ actor, customerId, reason, holderId }: ReleaseCustomerCommand): Promise<{ released: number }> {
    return this.tx.run(async () => {
      const entry = await this.pool.lockEntry(customerId);
      if (!entry || !isPoolMember(actor, entry.pool)) throw PoolErrors.customerNotFound();
      const target = holderId ?? actor.id;
      const mayReleaseOthers = isPoolAdmin(actor, entry.pool) || (actor.permissions.includes('pool:manage') && canSeeOwner(actor, target));
      if (target !== actor.id && !mayReleaseOthers) throw PoolErrors.customerNotFound();
      const released = await this.pool.releaseProtections([customerId], 'released', actor.id, target);
      if (released.length === 0) throw PoolErrors.notHeld();
      await this.sync.afterChange([customerId], { restartClock: false });
      await this.events.record(
        [...new Set(released.map((protection) => protection.holderId))].map((formerHolderId) =>
          poolEvent('customer-released', customerId, {
            poolId: entry.poolId,
            holderId: formerHolderId,
            scopes: released.filter((protection) => protection.holderId === formerHolderId).map((protection) => protection.scope),
            reason,
          }),
        ),
      );
      return { released: released.length };
    });
  }
}
