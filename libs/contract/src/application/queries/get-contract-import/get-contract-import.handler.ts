import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataScope, decodeCursor, toPage, type Actor, type Page } from '@crm/platform';
import { ContractImportErrors } from '../../../domain/contract-import.js';
import { ContractImportStore, type ContractImportRecord, type ContractImportRow } from '../../../infrastructure/contract-import-store.js';
import { GetContractImportQuery, ListContractImportRowsQuery, ListContractImportsQuery, type ContractImportView } from './get-contract-import.query.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

const toView = (r: ContractImportRecord): ContractImportView => ({
  id: r.id,
  fileName: r.fileName,
  format: r.format,
  status: r.status,
  rowsRead: r.rowsRead,
  created: r.created,
  rejected: r.rejected,
  skipped: r.skipped,
  error: r.error,
  createdBy: r.createdBy,
  createdAt: iso(r.createdAt)!,
  finishedAt: iso(r.finishedAt),
});

/** The import when its creator is within the caller's data scope; anything else answers like a missing one. */
async function visibleImport(store: ContractImportStore, actor: Actor, id: string): Promise<ContractImportRecord> {
  const record = await store.find(id);
  if (!record || !DataScope.of(actor).allows({ ownerId: record.createdBy })) throw ContractImportErrors.notFound();
  return record;
}

@QueryHandler(GetContractImportQuery)
export class GetContractImportHandler implements IQueryHandler<GetContractImportQuery> {
  constructor(private readonly store: ContractImportStore) {}

  async execute({ actor, importId }: GetContractImportQuery): Promise<ContractImportView> {
    return toView(await visibleImport(this.store, actor, importId));
  }
}

@QueryHandler(ListContractImportsQuery)
export class ListContractImportsHandler implements IQueryHandler<ListContractImportsQuery> {
  constructor(private readonly store: ContractImportStore) {}

  async execute({ actor, limit, cursor }: ListContractImportsQuery): Promise<Page<ContractImportView>> {
    const [beforeId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const rows = await this.store.list(DataScope.of(actor).userIds, beforeId ?? null, limit + 1);
    return toPage(rows, limit, (row) => [row.id], toView);
  }
}

@QueryHandler(ListContractImportRowsQuery)
export class ListContractImportRowsHandler implements IQueryHandler<ListContractImportRowsQuery> {
  constructor(private readonly store: ContractImportStore) {}

  async execute({ actor, importId, status, limit, cursor }: ListContractImportRowsQuery): Promise<Page<ContractImportRow>> {
    await visibleImport(this.store, actor, importId);
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
