import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { DataScope, TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { PoolErrors } from '../../../domain/pool.errors.js';
import { PoolCustomers } from '../../../domain/pool-customers.port.js';
import { TransferCustomersCommand } from './transfer-customers.command.js';

@CommandHandler(TransferCustomersCommand)
export class TransferCustomersHandler implements ICommandHandler<TransferCustomersCommand> {
  constructor(
    private readonly customers: PoolCustomers,
    private readonly identity: UserDirectory,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, fromUserId, toUserId, customerIds, reason }: TransferCustomersCommand): Promise<{ transferred: string[] }> {
    const scope = DataScope.of(actor);
    const valid =
      fromUserId !== toUserId && scope.allows({ ownerId: fromUserId }) && scope.allows({ ownerId: toUserId }) && (await this.identity.isActiveUser(toUserId));
    if (!valid) throw PoolErrors.transferTargetInvalid();
    const candidates =
      customerIds ??
      (
        await this.tx.query<{ customer_id: string }>(
          `SELECT DISTINCT customer_id FROM pool.protections WHERE holder_id = $1 AND released_at IS NULL ORDER BY customer_id`,
          [fromUserId],
        )
      ).map((row) => row.customer_id);
    const transferred: string[] = [];
    const now = new Date();
    // In customer order, so two transfers touching the same customers cannot deadlock.
    for (const customerId of [...new Set(candidates)].sort()) {
      const customer = await this.customers.lock(customerId);
      if (!customer?.transfer(fromUserId, toUserId, reason, actor.id, now, uuidv7)) continue;
      await this.customers.save(customer);
      transferred.push(customerId);
    }
    return { transferred };
  }
}
