import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ActivityKind, CallOutcome } from '../../../domain/lead.types.js';

export interface RecordedActivity {
  activityId: string;
  /** The lead's score and grade after the activity. */
  score: number;
  grade: string;
}

/** Behaviour of a lead arrived [线索行为] (LEAD-3): it is stored and the lead re-scored at once. */
export class RecordLeadActivityCommand extends Command<RecordedActivity> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly activity: {
      kind: ActivityKind;
      occurredAt: Date;
      outcome: CallOutcome | null;
      channel: string | null;
      campaign: string | null;
      detail: Record<string, unknown>;
    },
  ) {
    super();
  }
}
