import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { TaskView } from '../../tasks/task-view.js';

/** Open tasks [我的任务]: all, due today (company time zone) or overdue, by due time. */
export class ListTasksQuery extends Query<Page<TaskView>> {
  constructor(
    readonly actor: Actor,
    readonly due: 'today' | 'overdue' | undefined,
    readonly assigneeId: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
