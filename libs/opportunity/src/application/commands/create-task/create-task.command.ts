import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TaskKind } from '../../../infrastructure/sql-tasks.js';
import type { TaskView } from '../../tasks/task-view.js';

export interface TaskInput {
  opportunityId?: string;
  customerId?: string;
  /** A lead [线索] the caller can see (checked by the Lead context). */
  leadId?: string;
  kind: TaskKind;
  title: string;
  dueAt: Date;
  /** Defaults to the caller. */
  assigneeId?: string;
}

/** Plans a call, visit or meeting [任务] on an opportunity, a customer or a lead. */
export class CreateTaskCommand extends Command<TaskView> {
  constructor(
    readonly actor: Actor,
    readonly input: TaskInput,
  ) {
    super();
  }
}
