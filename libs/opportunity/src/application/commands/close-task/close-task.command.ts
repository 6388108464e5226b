import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TaskView } from '../../tasks/task-view.js';

/** Closes a task with its result [任务结果]; on an opportunity it may also record the activity [拜访记录]. */
export class CloseTaskCommand extends Command<TaskView> {
  constructor(
    readonly actor: Actor,
    readonly taskId: string,
    readonly resultNote: string,
    readonly recordActivity: boolean,
    readonly expectedVersion: number | undefined,
  ) {
    super();
  }
}
