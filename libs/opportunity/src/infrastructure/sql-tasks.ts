import { Injectable } from '@nestjs/common';
import { SqlParams, TransactionHost } from '@crm/platform';

export const TASK_KINDS = ['call', 'visit', 'meeting'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface TaskRecord {
  id: string;
  opportunityId: string | null;
  /** The customer it is about; null for a task on a lead that has none yet. */
  customerId: string | null;
  /** The lead [线索] it is about, if any. */
  leadId: string | null;
  kind: TaskKind;
  title: string;
  dueAt: Date;
  assigneeId: string;
  status: 'open' | 'done';
  resultNote: string | null;
  activityId: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  remindedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const COLUMNS = `id, opportunity_id, customer_id, lead_id, kind, title, due_at, assignee_id, status, result_note, activity_id, closed_at, closed_by,
                 reminded_at, created_by, created_at, updated_at, version`;

type TaskRow = Record<string, unknown>;

const toRecord = (row: TaskRow): TaskRecord => ({
  id: row.id as string,
  opportunityId: row.opportunity_id as string | null,
  customerId: row.customer_id as string | null,
  leadId: row.lead_id as string | null,
  kind: row.kind as TaskKind,
  title: row.title as string,
  dueAt: row.due_at as Date,
  assigneeId: row.assignee_id as string,
  status: row.status as TaskRecord['status'],
  resultNote: row.result_note as string | null,
  activityId: row.activity_id as string | null,
  closedAt: row.closed_at as Date | null,
  closedBy: row.closed_by as string | null,
  remindedAt: row.reminded_at as Date | null,
  createdBy: row.created_by as string,
  createdAt: row.created_at as Date,
  updatedAt: row.updated_at as Date,
  version: row.version as number,
});

/** Tasks [任务] in the caller's transaction. */
@Injectable()
export class SqlTasks {
  constructor(private readonly tx: TransactionHost) {}

  async find(id: string, lock = false): Promise<TaskRecord | undefined> {
    const row = await this.tx.queryOne<TaskRow>(`SELECT ${COLUMNS} FROM opportunity.tasks WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row && toRecord(row);
  }

  async insert(task: TaskRecord): Promise<void> {
    await this.tx.query(
      `INSERT INTO opportunity.tasks (id, opportunity_id, customer_id, lead_id, kind, title, due_at, assignee_id, status, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $10, $4, $5, $6, $7, 'open', $8, $9, $9, 1)`,
      [task.id, task.opportunityId, task.customerId, task.kind, task.title, task.dueAt, task.assigneeId, task.createdBy, task.createdAt, task.leadId],
    );
  }

  async close(task: TaskRecord, expectedVersion: number): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE opportunity.tasks SET status = 'done', result_note = $3, activity_id = $4, closed_at = $5, closed_by = $6, updated_at = $5, version = version + 1
        WHERE id = $1 AND version = $2 AND status = 'open' RETURNING id`,
      [task.id, expectedVersion, task.resultNote, task.activityId, task.closedAt, task.closedBy],
    );
    return rows.length === 1;
  }

  /** Open tasks of these assignees due in [from, to), by due time, after a cursor. */
  async listOpen(assignees: readonly string[], from: Date | null, to: Date | null, after: [string, string] | undefined, limit: number): Promise<TaskRecord[]> {
    const params = new SqlParams();
    const where = [`status = 'open'`, `assignee_id = ANY(${params.add(assignees)}::uuid[])`];
    if (from) where.push(`due_at >= ${params.add(from)}`);
    if (to) where.push(`due_at < ${params.add(to)}`);
    if (after) where.push(`(due_at, id) > (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)`);
    const rows = await this.tx.query<TaskRow>(
      `SELECT ${COLUMNS} FROM opportunity.tasks WHERE ${where.join(' AND ')} ORDER BY due_at, id LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map(toRecord);
  }

  /** Every task on a lead, open and done, by due time, after a cursor. */
  async listByLead(leadId: string, after: [string, string] | undefined, limit: number): Promise<TaskRecord[]> {
    const params = new SqlParams();
    const where = [`lead_id = ${params.add(leadId)}`];
    if (after) where.push(`(due_at, id) > (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)`);
    const rows = await this.tx.query<TaskRow>(
      `SELECT ${COLUMNS} FROM opportunity.tasks WHERE ${where.join(' AND ')} ORDER BY due_at, id LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map(toRecord);
  }

  /**
   * A converted lead's open tasks move to its customer (and opportunity) and their new assignee;
   * they leave the lead (done ones stay there as its history). Returns the moved ids.
   */
  async moveOpenLeadTasks(move: { leadId: string; customerId: string; opportunityId: string | null; assigneeId: string }, now: Date): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }>(
      `UPDATE opportunity.tasks SET customer_id = $2, opportunity_id = coalesce($3, opportunity_id), assignee_id = $4, lead_id = NULL,
              updated_at = $5, version = version + 1
        WHERE lead_id = $1 AND status = 'open' RETURNING id`,
      [move.leadId, move.customerId, move.opportunityId, move.assigneeId, now],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Marks open, unreminded tasks due before `until` as reminded and returns them: each is reminded
   * once, and concurrent scans skip each other's rows.
   */
  async takeDue(now: Date, until: Date, limit: number): Promise<TaskRecord[]> {
    const rows = await this.tx.query<TaskRow>(
      `UPDATE opportunity.tasks SET reminded_at = $1
        WHERE id IN (SELECT id FROM opportunity.tasks WHERE status = 'open' AND reminded_at IS NULL AND due_at < $2
                      ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [now, until, limit],
    );
    return rows.map(toRecord);
  }
}
