import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved, DataScope } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { SqlTasks } from '../../../infrastructure/sql-tasks.js';
import { RecordActivityCommand } from '../record-activity/record-activity.command.js';
import { assertCanSeeTask, toTaskView, type TaskView } from '../../tasks/task-view.js';
import { CloseTaskCommand } from './close-task.command.js';

/**
 * The assignee, or someone with the assignee in scope, closes the task with a result note. With
 * `recordActivity` the result becomes the opportunity's activity of the same kind in the same unit of
 * work (and so a follow-up on the customer): the visit is recorded once, where it belongs.
 */
@CommandHandler(CloseTaskCommand)
export class CloseTaskHandler implements ICommandHandler<CloseTaskCommand> {
  constructor(
    private readonly tasks: SqlTasks,
    private readonly commands: CommandBus,
  ) {}

  async execute({ actor, taskId, resultNote, recordActivity, expectedVersion }: CloseTaskCommand): Promise<TaskView> {
    const task = await this.tasks.find(taskId, true);
    assertCanSeeTask(actor, task);
    if (task.assigneeId !== actor.id && !DataScope.of(actor).allows({ ownerId: task.assigneeId })) throw OpportunityErrors.taskNotFound();
    if (task.status === 'done') throw OpportunityErrors.taskClosed();
    assertIfMatch('task', expectedVersion, task.version);
    let activityId: string | null = null;
    if (recordActivity) {
      if (!task.opportunityId) throw OpportunityErrors.taskActivityNeedsOpportunity();
      const activity = await this.commands.execute(
        new RecordActivityCommand(actor, task.opportunityId, { type: task.kind, summary: resultNote, nextStep: null, contactIds: [] }),
      );
      activityId = activity.id;
    }
    const now = new Date();
    const closed = { ...task, status: 'done' as const, resultNote: resultNote.trim(), activityId, closedAt: now, closedBy: actor.id, updatedAt: now };
    await assertSaved(await this.tasks.close(closed, task.version), 'task', expectedVersion, () => task.version);
    return toTaskView({ ...closed, version: task.version + 1 });
  }
}
