import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { canSeeOwner, EventRecorder, IdentityService, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { poolEvent } from '../../../domain/pool.events.js';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { ProtectionSync } from '../../protection-sync.js';
import { TransferCustomersCommand } from './transfer-customers.command.js';

@CommandHandler(TransferCustomersCommand)
export class TransferCustomersHandler implements ICommandHandler<TransferCustomersCommand> {
  constructor(
    private readonly pool: PoolRepository,
    private readonly sync: ProtectionSync,
    private readonly identity: IdentityService,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  async execute({ actor, fromUserId, toUserId, customerIds, reason }: TransferCustomersCommand): Promise<{ transferred: string[] }> {
    const valid =
      fromUserId !== toUserId &&
      canSeeOwner(actor, fromUserId) &&
      canSeeOwner(actor, toUserId) &&
      (await this.identity.isActiveUser(toUserId));
    if (!valid) throw PoolErrors.transferTargetInvalid();
    return this.tx.run(async () => {
      const candidates =
        customerIds ??
        (
          await this.tx.query<{ customer_id: string }>(
            `SELECT DISTINCT customer_id FROM pool.protections WHERE holder_id = $1 AND released_at IS NULL ORDER BY customer_id`,
            [fromUserId],
          )
        ).map((row) => row.customer_id);
      const transferred: string[] = [];
      for (const customerId of [...new Set(candidates)].sort()) {
        const entry = await this.pool.lockEntry(customerId);
        if (!entry) continue;
        const released = await this.pool.releaseProtections([customerId], 'transferred', actor.id, fromUserId);
        if (released.length === 0) continue;
        const now = new Date();
        await this.pool.insertProtections(
          released.map((protection) => ({ ...protection, id: uuidv7(), holderId: toUserId, source: 'transfer' as const, applicationId: null, since: now })),
        );
        transferred.push(customerId);
        await this.events.record([
          poolEvent('customer-transferred', customerId, {
            poolId: entry.poolId,
            fromUserId,
            toUserId,
            scopes: released.map((protection) => protection.scope),
            reason,
          }),
        ]);
      }
      await this.sync.afterChange(transferred, { restartClock: true });
      return { transferred };
    });
  }
}
