import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ActivityType } from '../../../domain/opportunity.types.js';
import type { ActivityView } from '../../queries/list-activities/list-activities.query.js';

export interface ActivityInput {
  type: ActivityType;
  /** Defaults to now; not in the future. */
  occurredAt?: Date;
  summary: string;
  nextStep: string | null;
  /** Contacts met [联系人]. */
  contactIds: string[];
}

/**
 * Records a call, visit, meeting or demo [拜访记录] on an open opportunity. Work on an opportunity is
 * work on its customer: it is also a follow-up [跟进] on the customer, in the same unit of work, so
 * the customer's recycle clock restarts.
 */
export class RecordActivityCommand extends Command<ActivityView> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly input: ActivityInput,
  ) {
    super();
  }
}
