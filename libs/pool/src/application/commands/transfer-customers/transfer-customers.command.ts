import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Customer transfer [客户转移] (POOL-9): a manager moves one, several or all of a person's
 * protections to another, e.g. when someone leaves. The new holder's clock starts fresh.
 */
export class TransferCustomersCommand extends Command<{ transferred: string[] }> {
  constructor(
    readonly actor: Actor,
    readonly fromUserId: string,
    readonly toUserId: string,
    readonly customerIds: string[] | null,
    readonly reason: string,
  ) {
    super();
  }
}
