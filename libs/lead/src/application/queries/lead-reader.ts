import { Injectable } from '@nestjs/common';
import { TransactionHost, type Actor } from '@crm/platform';
import { LeadErrors } from '../../domain/lead.errors.js';
import { LeadPoolRepository } from '../../infrastructure/lead-pool.repository.js';
import { LEAD_COLUMNS, type LeadRow } from '../../infrastructure/lead-row.js';
import { LeadAccess } from '../lead-access.js';
import { toLeadView, type LeadView } from './lead-view.js';

/** Reads leads for their readers: one lead in the caller's reach (else 404), or rows turned into views. */
@Injectable()
export class LeadReader {
  constructor(
    private readonly tx: TransactionHost,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
  ) {}

  async visibleRow(actor: Actor, leadId: string): Promise<LeadRow> {
    const row = await this.tx.queryOne<LeadRow>(`SELECT ${LEAD_COLUMNS} FROM lead.leads l WHERE l.id = $1`, [leadId]);
    const reach = await this.access.reachOf(actor);
    if (!row || !reach.seesLead({ ownerId: row.owner_id, poolPath: row.pool_path })) throw LeadErrors.notFound();
    return row;
  }

  async views(rows: readonly LeadRow[]): Promise<LeadView[]> {
    const names = await this.pools.names(rows.flatMap((row) => row.pool_path));
    const reasons = [...new Set(rows.flatMap((row) => (row.closed_reason ? [row.closed_reason] : [])))];
    const labels =
      reasons.length === 0
        ? []
        : await this.tx.query<{ key: string; label: string }>(`SELECT key, label FROM lead.closure_reasons WHERE key = ANY($1::text[])`, [reasons]);
    return rows.map((row) => toLeadView(row, names, new Map(labels.map((reason) => [reason.key, reason.label]))));
  }
}
