import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, DataScope, decodeCursor, toPage, type AppConfig, type Page } from '@crm/platform';
import { localDay, nextDay, startOfLocalDay } from '../../../domain/periods.js';
import { SqlTasks } from '../../../infrastructure/sql-tasks.js';
import { toTaskView, type TaskView } from '../../tasks/task-view.js';
import { ListTasksQuery } from './list-tasks.query.js';

/**
 * The caller's own open tasks, or those of an assignee within the caller's scope (anyone else's: an
 * empty list, never a hint). Today = due between the start of today and of tomorrow in the company's
 * time zone; overdue = due before now.
 */
@QueryHandler(ListTasksQuery)
export class ListTasksHandler implements IQueryHandler<ListTasksQuery> {
  constructor(
    private readonly tasks: SqlTasks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, due, assigneeId, limit, cursor }: ListTasksQuery): Promise<Page<TaskView>> {
    const assignee = assigneeId ?? actor.id;
    if (assignee !== actor.id && !DataScope.of(actor).allows({ ownerId: assignee })) return { items: [], nextCursor: null };
    const now = new Date();
    let from: Date | null = null;
    let to: Date | null = null;
    if (due === 'today') {
      const today = localDay(now, this.config.timeZone);
      from = startOfLocalDay(today, this.config.timeZone);
      to = startOfLocalDay(nextDay(today), this.config.timeZone);
    }
    if (due === 'overdue') to = now;
    const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | undefined;
    const rows = await this.tasks.listOpen([assignee], from, to, after, limit + 1);
    return toPage(rows, limit, (task) => [task.dueAt.toISOString(), task.id], toTaskView);
  }
}
