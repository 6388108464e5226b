import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LeadPoolRules } from '../../../domain/lead-pool.js';

/** An admin of the pool (or of a pool above it) renames it, changes its people or its rules. */
export class ChangeLeadPoolCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly poolId: string,
    readonly changes: { name?: string; memberIds?: string[]; adminIds?: string[]; rules?: Partial<LeadPoolRules>; maxDepth?: number },
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
