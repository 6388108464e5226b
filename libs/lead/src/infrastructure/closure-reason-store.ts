import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { ClosureReasonErrors, type ClosureReason } from '../domain/closure-reason.js';

export interface ClosureReasonRecord extends ClosureReason {
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const COLUMNS = `key, label, note_required AS "noteRequired", active, sort_order AS "sortOrder", created_at AS "createdAt", updated_at AS "updatedAt", version`;

function conflicts(key: string, label: string) {
  return (error: Error & { code?: string; constraint?: string }): never => {
    if (error.code === '23505' && error.constraint === 'closure_reasons_pkey') throw ClosureReasonErrors.exists(key);
    if (error.code === '23505' && error.constraint === 'closure_reasons_label_key') throw ClosureReasonErrors.labelTaken(label);
    throw error;
  };
}

/** The closure reasons [关闭原因] in lead.closure_reasons; SQL in the caller's transaction. */
@Injectable()
export class ClosureReasonStore {
  constructor(private readonly tx: TransactionHost) {}

  find(key: string, options: { lock?: boolean } = {}): Promise<ClosureReasonRecord | undefined> {
    return this.tx.queryOne<ClosureReasonRecord>(`SELECT ${COLUMNS} FROM lead.closure_reasons WHERE key = $1 ${options.lock ? 'FOR UPDATE' : ''}`, [key]);
  }

  /** In the order people choose from: sort order, then key. */
  list(activeOnly: boolean): Promise<ClosureReasonRecord[]> {
    return this.tx.query<ClosureReasonRecord>(`SELECT ${COLUMNS} FROM lead.closure_reasons WHERE active OR NOT $1 ORDER BY sort_order, key`, [activeOnly]);
  }

  async insert(reason: ClosureReason): Promise<void> {
    await this.tx
      .query(`INSERT INTO lead.closure_reasons (key, label, note_required, active, sort_order) VALUES ($1, $2, $3, $4, $5)`, [
        reason.key,
        reason.label,
        reason.noteRequired,
        reason.active,
        reason.sortOrder,
      ])
      .catch(conflicts(reason.key, reason.label));
  }

  async update(reason: ClosureReason, expectedVersion: number): Promise<number | undefined> {
    const row = await this.tx
      .queryOne<{ version: number }>(
        `UPDATE lead.closure_reasons SET label = $2, note_required = $3, active = $4, sort_order = $5, version = version + 1, updated_at = now()
          WHERE key = $1 AND version = $6 RETURNING version`,
        [reason.key, reason.label, reason.noteRequired, reason.active, reason.sortOrder, expectedVersion],
      )
      .catch(conflicts(reason.key, reason.label));
    return row?.version;
  }
}
