import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { TaskView } from '../../tasks/task-view.js';

/** Every task on a lead the caller can see [线索任务], open and done, by due time. */
export class ListLeadTasksQuery extends Query<Page<TaskView>> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
