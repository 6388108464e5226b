import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { EligibilityPolicy } from '../domain/ticket.types.js';

export interface TicketTypeRecord {
  id: string;
  parentId: string | null;
  path: string[];
  name: string;
  eligibilityPolicy: EligibilityPolicy;
  reopenWindowDays: number;
  active: boolean;
  version: number;
}

const COLUMNS = `id, parent_id AS "parentId", path, name, eligibility_policy AS "eligibilityPolicy",
  reopen_window_days AS "reopenWindowDays", active, version`;

/** The ticket type tree [多级分类] in service_ticket.ticket_types. */
@Injectable()
export class TicketTypeStore {
  constructor(private readonly tx: TransactionHost) {}

  find(id: string, lock = false): Promise<TicketTypeRecord | undefined> {
    return this.tx.queryOne<TicketTypeRecord>(`SELECT ${COLUMNS} FROM service_ticket.ticket_types WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  }

  all(): Promise<TicketTypeRecord[]> {
    return this.tx.query<TicketTypeRecord>(`SELECT ${COLUMNS} FROM service_ticket.ticket_types ORDER BY path, name`);
  }

  /** False when a sibling has the same name. */
  async insert(type: TicketTypeRecord): Promise<boolean> {
    const inserted = await this.tx.execute(
      `INSERT INTO service_ticket.ticket_types (id, parent_id, path, name, eligibility_policy, reopen_window_days, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [type.id, type.parentId, type.path, type.name, type.eligibilityPolicy, type.reopenWindowDays, type.active],
    );
    return inserted.rowCount === 1;
  }

  /** Null when the version did not match; throws the unique violation on a duplicate name. */
  async update(type: TicketTypeRecord, expectedVersion: number): Promise<number | null> {
    const row = await this.tx.queryOne<{ version: number }>(
      `UPDATE service_ticket.ticket_types
          SET name = $2, eligibility_policy = $3, reopen_window_days = $4, active = $5, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $6 RETURNING version`,
      [type.id, type.name, type.eligibilityPolicy, type.reopenWindowDays, type.active, expectedVersion],
    );
    return row?.version ?? null;
  }
}
