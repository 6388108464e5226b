import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Actor, type Page } from '@crm/platform';
import { ImportErrors } from '../../../domain/lead-import.js';
import { ImportStore, type ImportRecord, type RowOutcome } from '../../../infrastructure/import-store.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { GetLeadImportQuery, ListLeadImportRowsQuery, ListLeadImportsQuery, type LeadImportView } from './get-lead-import.query.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The import when the caller started it or manages its pool; anything else answers like a missing one. */
async function visibleImport(store: ImportStore, pools: LeadPoolRepository, access: LeadAccess, actor: Actor, id: string): Promise<ImportRecord> {
  const record = await store.find(id);
  if (record && record.createdBy === actor.id) return record;
  const pool = record && (await pools.find(record.poolId));
  if (!record || !pool || !(await access.reachOf(actor)).managesPool(pool.path)) throw ImportErrors.notFound();
  return record;
}

function viewOf(r: ImportRecord): LeadImportView {
  return {
    id: r.id,
    poolId: r.poolId,
    fileName: r.fileName,
    format: r.format,
    status: r.status,
    rowsRead: r.rowsRead,
    created: r.created,
    merged: r.merged,
    rejected: r.rejected,
    error: r.error,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAt)!,
    finishedAt: iso(r.finishedAt),
  };
}

@QueryHandler(GetLeadImportQuery)
export class GetLeadImportHandler implements IQueryHandler<GetLeadImportQuery> {
  constructor(
    private readonly store: ImportStore,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, importId }: GetLeadImportQuery): Promise<LeadImportView> {
    return viewOf(await visibleImport(this.store, this.pools, this.access, actor, importId));
  }
}

@QueryHandler(ListLeadImportRowsQuery)
export class ListLeadImportRowsHandler implements IQueryHandler<ListLeadImportRowsQuery> {
  constructor(
    private readonly store: ImportStore,
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
  ) {}

  async execute({ actor, importId, status, limit, cursor }: ListLeadImportRowsQuery): Promise<Page<RowOutcome>> {
    await visibleImport(this.store, this.pools, this.access, actor, importId);
    const [after] = decodeCursor(cursor, ['number']) ?? [0];
    const rows = await this.store.rows(importId, status, after as number, limit + 1);
    return toPage(
      rows,
      limit,
      (row) => [row.rowNumber],
      (row) => row,
    );
  }
}

@QueryHandler(ListLeadImportsQuery)
export class ListLeadImportsHandler implements IQueryHandler<ListLeadImportsQuery> {
  constructor(
    private readonly store: ImportStore,
    private readonly access: LeadAccess,
  ) {}

  /** The same reach as one import: the caller's own, and those into pools the caller manages. */
  async execute({ actor, limit, cursor }: ListLeadImportsQuery): Promise<Page<LeadImportView>> {
    const reach = await this.access.reachOf(actor);
    const [before] = decodeCursor(cursor, ['uuid']) ?? [null];
    const rows = await this.store.list(actor.id, reach.managesEverything ? 'all' : reach.adminOf, before as string | null, limit + 1);
    return toPage(rows, limit, (row) => [row.id], viewOf);
  }
}
