import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ImportStatus, RowOutcome, RowStatus } from '../../../infrastructure/import-store.js';

export interface LeadImportView {
  id: string;
  poolId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  rowsRead: number;
  created: number;
  merged: number;
  rejected: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

/** An import with its progress [导入进度]: its creator, and admins of its pool, see it. */
export class GetLeadImportQuery extends Query<LeadImportView> {
  constructor(
    readonly actor: Actor,
    readonly importId: string,
  ) {
    super();
  }
}

/** The per-row report of an import [导入报告], in file order, optionally of one outcome. */
export class ListLeadImportRowsQuery extends Query<Page<RowOutcome>> {
  constructor(
    readonly actor: Actor,
    readonly importId: string,
    readonly status: RowStatus | undefined,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

/** Imports the caller started or may manage (admins of their pools), newest first [导入记录]. */
export class ListLeadImportsQuery extends Query<Page<LeadImportView>> {
  constructor(
    readonly actor: Actor,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
