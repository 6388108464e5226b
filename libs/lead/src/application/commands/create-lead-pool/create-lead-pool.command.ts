import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LeadPoolRules } from '../../../domain/lead-pool.js';

/** A lead pool [线索池] under a parent the caller administers, or a new top-level pool (administrators only). */
export class CreateLeadPoolCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly input: {
      name: string;
      parentId: string | null;
      memberIds: string[];
      adminIds: string[];
      rules: LeadPoolRules;
      /** Top-level pools only: the levels the tree may have (default 3). */
      maxDepth?: number;
    },
  ) {
    super();
  }
}
