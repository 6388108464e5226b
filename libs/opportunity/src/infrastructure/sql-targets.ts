import { Injectable } from '@nestjs/common';
import { SqlParams, TransactionHost } from '@crm/platform';

export type TargetSubjectType = 'user' | 'team' | 'department';

export interface TargetRecord {
  id: string;
  subjectType: TargetSubjectType;
  subjectId: string;
  period: string;
  metric: string;
  value: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

interface TargetRow {
  id: string;
  subject_type: TargetSubjectType;
  subject_id: string;
  period: string;
  metric: string;
  value: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const COLUMNS = `id, subject_type, subject_id, period, metric, value::text AS value, created_by, created_at, updated_at, version`;

const toRecord = (row: TargetRow): TargetRecord => ({
  id: row.id,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  period: row.period,
  metric: row.metric,
  value: row.value,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** Targets [目标] in the caller's transaction. */
@Injectable()
export class SqlTargets {
  constructor(private readonly tx: TransactionHost) {}

  async find(id: string): Promise<TargetRecord | undefined> {
    const row = await this.tx.queryOne<TargetRow>(`SELECT ${COLUMNS} FROM opportunity.targets WHERE id = $1`, [id]);
    return row && toRecord(row);
  }

  async findBySubject(subjectType: TargetSubjectType, subjectId: string, period: string, metric: string): Promise<TargetRecord | undefined> {
    const row = await this.tx.queryOne<TargetRow>(
      `SELECT ${COLUMNS} FROM opportunity.targets WHERE subject_type = $1 AND subject_id = $2 AND period = $3 AND metric = $4`,
      [subjectType, subjectId, period, metric],
    );
    return row && toRecord(row);
  }

  /** False when the subject already has a target for that period and metric. */
  async insert(target: TargetRecord): Promise<boolean> {
    const rows = await this.tx.query(
      `INSERT INTO opportunity.targets (id, subject_type, subject_id, period, metric, value, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1) ON CONFLICT DO NOTHING RETURNING id`,
      [target.id, target.subjectType, target.subjectId, target.period, target.metric, target.value, target.createdBy, target.createdAt],
    );
    return rows.length === 1;
  }

  async updateValue(id: string, value: string, expectedVersion: number, now: Date): Promise<boolean> {
    const rows = await this.tx.query(
      `UPDATE opportunity.targets SET value = $2, updated_at = $4, version = version + 1 WHERE id = $1 AND version = $3 RETURNING id`,
      [id, value, expectedVersion, now],
    );
    return rows.length === 1;
  }

  /** Targets matching the filters, by id, after a cursor; visibility is checked by the caller. */
  async list(filters: { period?: string; subjectType?: TargetSubjectType; subjectId?: string; metric?: string }, afterId: string | undefined, limit: number) {
    const params = new SqlParams();
    const where = ['TRUE'];
    if (filters.period) where.push(`period = ${params.add(filters.period)}`);
    if (filters.subjectType) where.push(`subject_type = ${params.add(filters.subjectType)}`);
    if (filters.subjectId) where.push(`subject_id = ${params.add(filters.subjectId)}::uuid`);
    if (filters.metric) where.push(`metric = ${params.add(filters.metric)}`);
    if (afterId) where.push(`id > ${params.add(afterId)}::uuid`);
    const rows = await this.tx.query<TargetRow>(
      `SELECT ${COLUMNS} FROM opportunity.targets WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map(toRecord);
  }
}
