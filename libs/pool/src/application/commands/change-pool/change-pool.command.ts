import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { PoolRules } from '../../../domain/pool-rules.js';

/** A pool admin changes the pool's rules or admins; protections already granted are kept (POOL-3). */
export class ChangePoolCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly poolId: string,
    readonly changes: { rules?: Partial<PoolRules>; adminIds?: string[] },
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
