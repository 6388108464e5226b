import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ActivityType } from '../../../domain/opportunity.types.js';

export interface ActivityView {
  id: string;
  opportunityId: string;
  type: ActivityType;
  occurredAt: string;
  summary: string;
  nextStep: string | null;
  contactIds: string[];
  authorId: string;
  /** The customer follow-up [跟进] it also counts as. */
  followUpId: string;
  createdAt: string;
}

/** An opportunity's visits and other activities [拜访记录], latest first. */
export class ListActivitiesQuery extends Query<Page<ActivityView>> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
