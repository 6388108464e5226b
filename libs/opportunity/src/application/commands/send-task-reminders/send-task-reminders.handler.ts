import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { OpportunityEvents } from '../../../contracts/events.js';
import { SqlTasks } from '../../../infrastructure/sql-tasks.js';
import { SendTaskRemindersCommand } from './send-task-reminders.command.js';

/** How long before its due time a task is reminded. */
export const TASK_REMINDER_LEAD_MINUTES = 30;
const BATCH = 1000;

/** One `task.due.v2` per task (and `task.due.v1` for tasks on a customer), in the unit of work that marks it reminded: a rerun or a second worker finds nothing left. */
@CommandHandler(SendTaskRemindersCommand)
export class SendTaskRemindersHandler implements ICommandHandler<SendTaskRemindersCommand> {
  constructor(
    private readonly tasks: SqlTasks,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ now }: SendTaskRemindersCommand): Promise<number> {
    const due = await this.tasks.takeDue(now, new Date(now.getTime() + TASK_REMINDER_LEAD_MINUTES * 60_000), BATCH);
    for (const task of due) {
      const payload = {
        taskId: task.id,
        kind: task.kind,
        title: task.title,
        dueAt: task.dueAt.toISOString(),
        assigneeId: task.assigneeId,
        customerId: task.customerId,
        opportunityId: task.opportunityId,
        leadId: task.leadId,
      };
      this.uow.raise(OpportunityEvents.taskDueV2.create(task.id, payload));
      // v1 promised a customer: tasks on leads without one have only v2 (ADR 0001).
      if (payload.customerId !== null) {
        const { leadId: _leadId, ...v1 } = payload;
        this.uow.raise(OpportunityEvents.taskDue.create(task.id, { ...v1, customerId: payload.customerId }));
      }
    }
    return due.length;
  }
}
