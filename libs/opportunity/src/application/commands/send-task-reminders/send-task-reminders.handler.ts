import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { OpportunityEvents } from '../../../contracts/events.js';
import { SqlTasks } from '../../../infrastructure/sql-tasks.js';
import { SendTaskRemindersCommand } from './send-task-reminders.command.js';

/** How long before its due time a task is reminded. */
export const TASK_REMINDER_LEAD_MINUTES = 30;
const BATCH = 1000;

/** One `task.due.v1` per task, in the unit of work that marks it reminded: a rerun or a second worker finds nothing left. */
@CommandHandler(SendTaskRemindersCommand)
export class SendTaskRemindersHandler implements ICommandHandler<SendTaskRemindersCommand> {
  constructor(
    private readonly tasks: SqlTasks,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ now }: SendTaskRemindersCommand): Promise<number> {
    const due = await this.tasks.takeDue(now, new Date(now.getTime() + TASK_REMINDER_LEAD_MINUTES * 60_000), BATCH);
    for (const task of due) {
      this.uow.raise(
        OpportunityEvents.taskDue.create(task.id, {
          taskId: task.id,
          kind: task.kind,
          title: task.title,
          dueAt: task.dueAt.toISOString(),
          assigneeId: task.assigneeId,
          customerId: task.customerId,
          opportunityId: task.opportunityId,
          leadId: task.leadId,
        }),
      );
    }
    return due.length;
  }
}
