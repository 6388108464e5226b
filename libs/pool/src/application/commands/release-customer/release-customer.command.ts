import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Gives a customer back to the pool by hand [释放到公海] with a reason: the caller's own
 * protections, or (pool admins, managers over the holder) everyone's. The cool-down starts now.
 */
export class ReleaseCustomerCommand extends Command<{ released: number }> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly reason: string,
    readonly holderId?: string,
  ) {
    super();
  }
}
