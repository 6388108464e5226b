import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LeadProfile } from '../../../domain/lead.types.js';

export interface CaptureResult {
  /** True when the submission matched an open lead and became an activity of it [重复线索合并]. */
  merged: boolean;
  leadId: string;
  /** The activity the merged submission became. */
  activityId: string | null;
}

/** Manual capture [录入线索] (LEAD-1): a new lead in a pool, or, when it duplicates an open lead, an activity of that lead. */
export class CaptureLeadCommand extends Command<CaptureResult> {
  constructor(
    readonly actor: Actor,
    readonly input: { profile: LeadProfile; poolId: string | null; ownerId: string | null },
  ) {
    super();
  }
}
