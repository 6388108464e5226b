import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CheckLeadVisibleQuery } from '@crm/contracts/lead';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { SqlTasks } from '../../../infrastructure/sql-tasks.js';
import { toTaskView, type TaskView } from '../../tasks/task-view.js';
import { ListLeadTasksQuery } from './list-lead-tasks.query.js';

/** The Lead context decides whether the caller sees the lead (404 `LEAD.NOT_FOUND` otherwise); then all its tasks. */
@QueryHandler(ListLeadTasksQuery)
export class ListLeadTasksHandler implements IQueryHandler<ListLeadTasksQuery> {
  constructor(
    private readonly tasks: SqlTasks,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, leadId, limit, cursor }: ListLeadTasksQuery): Promise<Page<TaskView>> {
    await this.queries.execute(new CheckLeadVisibleQuery(actor, leadId));
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tasks.listByLead(leadId, after, limit + 1);
    return toPage(rows, limit, (task) => [task.dueAt.toISOString(), task.id], toTaskView);
  }
}
