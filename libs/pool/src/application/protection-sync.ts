import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SetCustomerHoldersCommand } from '@crm/contracts/customer';
import { PoolRepository } from '../infrastructure/pool.repository.js';

/**
 * After protections change, brings the entry flags and the Customer context's copy of the
 * holders (which drives data scope) in line, in the same transaction.
 */
@Injectable()
export class ProtectionSync {
  constructor(
    private readonly pool: PoolRepository,
    private readonly commands: CommandBus,
  ) {}

  async afterChange(customerIds: readonly string[], options: { restartClock: boolean }): Promise<void> {
    if (customerIds.length === 0) return;
    await this.pool.refreshEntries(customerIds, options.restartClock);
    await this.commands.execute(new SetCustomerHoldersCommand(await this.pool.holdersOf(customerIds)));
  }
}
