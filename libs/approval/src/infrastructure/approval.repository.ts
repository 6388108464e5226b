import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { ApprovalRequest, type ApprovalRequestState } from '../domain/approval-request.aggregate.js';
import type { Decision, ProcessDefinition, RequestStep, StepDefinition } from '../domain/approval.types.js';

interface RequestRow {
  id: string;
  subject_type: string;
  subject_id: string;
  applicant_id: string;
  title: string;
  context: Record<string, unknown>;
  customer_id: string | null;
  status: ApprovalRequestState['status'];
  created_at: Date;
  closed_at: Date | null;
  version: number;
  steps: (Omit<RequestStep, 'decisions'> & { decisions: (Omit<Decision, 'decidedAt'> & { decidedAt: string })[] })[];
}

const REQUEST_SELECT = `
  SELECT r.id, r.subject_type, r.subject_id, r.applicant_id, r.title, r.context, r.customer_id, r.status,
         r.created_at, r.closed_at, r.version,
         (SELECT json_agg(json_build_object(
                   'index', s.step_index, 'name', s.name, 'mode', s.mode, 'approverIds', s.approver_ids, 'status', s.status,
                   'decisions', COALESCE((SELECT json_agg(json_build_object(
                       'approverId', d.approver_id, 'decision', d.decision, 'comment', d.comment, 'decidedAt', d.decided_at)
                       ORDER BY d.decided_at) FROM approval.decisions d
                      WHERE d.request_id = s.request_id AND d.step_index = s.step_index), '[]'::json))
                 ORDER BY s.step_index)
            FROM approval.steps s WHERE s.request_id = r.id) AS steps
    FROM approval.requests r`;

function toRequestState(row: RequestRow): ApprovalRequestState {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    applicantId: row.applicant_id,
    title: row.title,
    context: row.context,
    customerId: row.customer_id,
    status: row.status,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    version: row.version,
    steps: (row.steps ?? []).map((step) => ({
      ...step,
      decisions: step.decisions.map((decision) => ({ ...decision, decidedAt: new Date(decision.decidedAt) })),
    })),
  };
}

@Injectable()
export class ApprovalRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  async findProcess(subjectType: string): Promise<ProcessDefinition | undefined> {
    const row = await this.tx.queryOne<{ steps: StepDefinition[]; default_approver_ids: string[]; version: number }>(
      `SELECT steps, default_approver_ids, version FROM approval.processes WHERE subject_type = $1`,
      [subjectType],
    );
    return row && { subjectType, steps: row.steps, defaultApproverIds: row.default_approver_ids, version: row.version };
  }

  /** Creates or replaces a process; false when `expectedVersion` is stale. */
  async saveProcess(process: Omit<ProcessDefinition, 'version'>, expectedVersion?: number): Promise<number | undefined> {
    const row = await this.tx.queryOne<{ version: number }>(
      `INSERT INTO approval.processes (subject_type, steps, default_approver_ids) VALUES ($1, $2, $3)
       ON CONFLICT (subject_type) DO UPDATE
          SET steps = EXCLUDED.steps, default_approver_ids = EXCLUDED.default_approver_ids,
              version = approval.processes.version + 1, updated_at = now()
        WHERE $4::int IS NULL OR approval.processes.version = $4
       RETURNING version`,
      [process.subjectType, JSON.stringify(process.steps), process.defaultApproverIds, expectedVersion ?? null],
    );
    return row?.version;
  }

  /** Loads and locks a request: decisions on one request are serialised. */
  async findForUpdate(id: string): Promise<ApprovalRequest | undefined> {
    const locked = await this.tx.queryOne(`SELECT 1 FROM approval.requests WHERE id = $1 FOR UPDATE`, [id]);
    if (!locked) return undefined;
    return this.find(id);
  }

  async find(id: string): Promise<ApprovalRequest | undefined> {
    const row = await this.tx.queryOne<RequestRow>(`${REQUEST_SELECT} WHERE r.id = $1`, [id]);
    return row && ApprovalRequest.rehydrate(toRequestState(row));
  }

  async findPendingBySubject(subjectType: string, subjectId: string): Promise<ApprovalRequest | undefined> {
    const row = await this.tx.queryOne<{ id: string }>(
      `SELECT id FROM approval.requests WHERE subject_type = $1 AND subject_id = $2 AND status = 'pending' FOR UPDATE`,
      [subjectType, subjectId],
    );
    return row && this.find(row.id);
  }

  async insert(request: ApprovalRequest): Promise<void> {
    this.uow.track(request);
    const state = request.snapshot();
    await this.tx.query(
      `INSERT INTO approval.requests (id, subject_type, subject_id, applicant_id, title, context, customer_id, status, created_at, closed_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        state.id,
        state.subjectType,
        state.subjectId,
        state.applicantId,
        state.title,
        JSON.stringify(state.context),
        state.customerId,
        state.status,
        state.createdAt,
        state.closedAt,
        state.version,
      ],
    );
    await this.tx.query(
      `INSERT INTO approval.steps (request_id, step_index, name, mode, approver_ids, status)
       SELECT $1, i - 1, (s->>'name'), (s->>'mode'), ARRAY(SELECT jsonb_array_elements_text(s->'approverIds')::uuid), (s->>'status')
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(s, i)`,
      [state.id, JSON.stringify(state.steps)],
    );
  }

  /** Saves status, step states and new decisions; the row lock taken on load makes this safe. */
  async update(request: ApprovalRequest, loadedVersion: number): Promise<boolean> {
    const state = request.snapshot();
    const updated = await this.tx.execute(`UPDATE approval.requests SET status = $2, closed_at = $3, version = $4 WHERE id = $1 AND version = $5`, [
      state.id,
      state.status,
      state.closedAt,
      state.version,
      loadedVersion,
    ]);
    if (updated.rowCount !== 1) return false;
    this.uow.track(request);
    for (const step of state.steps) {
      await this.tx.query(`UPDATE approval.steps SET status = $3 WHERE request_id = $1 AND step_index = $2 AND status <> $3`, [
        state.id,
        step.index,
        step.status,
      ]);
      for (const decision of step.decisions) {
        await this.tx.query(
          `INSERT INTO approval.decisions (request_id, step_index, approver_id, decision, comment, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [state.id, step.index, decision.approverId, decision.decision, decision.comment, decision.decidedAt],
        );
      }
    }
    return true;
  }

  /** Read side: one request as its participants see it. */
  async findView(id: string): Promise<ApprovalRequestState | undefined> {
    const row = await this.tx.queryOne<RequestRow>(`${REQUEST_SELECT} WHERE r.id = $1`, [id]);
    return row && toRequestState(row);
  }

  async listViews(filter: { waitingFor?: string; applicantId?: string; status?: string }, limit: number, beforeId?: string) {
    const rows = await this.tx.query<RequestRow>(
      `${REQUEST_SELECT}
        WHERE ($1::uuid IS NULL OR (r.status = 'pending' AND EXISTS (
                 SELECT 1 FROM approval.steps s
                  WHERE s.request_id = r.id AND s.status = 'pending' AND s.approver_ids @> ARRAY[$1::uuid]
                    AND NOT EXISTS (SELECT 1 FROM approval.decisions d
                                     WHERE d.request_id = s.request_id AND d.step_index = s.step_index AND d.approver_id = $1::uuid))))
          AND ($2::uuid IS NULL OR r.applicant_id = $2::uuid)
          AND ($3::text IS NULL OR r.status = $3)
          AND ($4::uuid IS NULL OR r.id < $4::uuid)
        ORDER BY r.id DESC LIMIT $5`,
      [filter.waitingFor ?? null, filter.applicantId ?? null, filter.status ?? null, beforeId ?? null, limit],
    );
    return rows.map(toRequestState);
  }
}
