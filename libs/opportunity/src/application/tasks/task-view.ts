import { DataScope, type Actor } from '@crm/platform';
import { OpportunityErrors } from '../../domain/opportunity.errors.js';
import type { TaskRecord } from '../../infrastructure/sql-tasks.js';

export interface TaskView {
  id: string;
  opportunityId: string | null;
  customerId: string | null;
  leadId: string | null;
  kind: TaskRecord['kind'];
  title: string;
  dueAt: string;
  assigneeId: string;
  status: TaskRecord['status'];
  resultNote: string | null;
  activityId: string | null;
  closedAt: string | null;
  closedBy: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
}

export function toTaskView(task: TaskRecord): TaskView {
  return {
    id: task.id,
    opportunityId: task.opportunityId,
    customerId: task.customerId,
    leadId: task.leadId,
    kind: task.kind,
    title: task.title,
    dueAt: task.dueAt.toISOString(),
    assigneeId: task.assigneeId,
    status: task.status,
    resultNote: task.resultNote,
    activityId: task.activityId,
    closedAt: task.closedAt?.toISOString() ?? null,
    closedBy: task.closedBy,
    createdBy: task.createdBy,
    createdAt: task.createdAt.toISOString(),
    version: task.version,
  };
}

/** A task is seen by its assignee, whoever created it, and whoever has the assignee in scope; others get 404. */
export function assertCanSeeTask(actor: Actor, task: TaskRecord | undefined): asserts task is TaskRecord {
  if (!task || !(task.createdBy === actor.id || DataScope.of(actor).allows({ ownerId: task.assigneeId }))) throw OpportunityErrors.taskNotFound();
}
