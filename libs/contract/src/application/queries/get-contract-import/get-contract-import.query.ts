import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ContractImportRow, ContractImportRowStatus, ContractImportStatus } from '../../../infrastructure/contract-import-store.js';

export interface ContractImportView {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  status: ContractImportStatus;
  rowsRead: number;
  created: number;
  rejected: number;
  skipped: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

/** A contract import with its progress [导入进度], when its creator is within the caller's data scope. */
export class GetContractImportQuery extends Query<ContractImportView> {
  constructor(
    readonly actor: Actor,
    readonly importId: string,
  ) {
    super();
  }
}

/** Contract imports whose creator is within the caller's data scope, newest first. */
export class ListContractImportsQuery extends Query<Page<ContractImportView>> {
  constructor(
    readonly actor: Actor,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

/** The per-row report of a contract import [导入报告], in file order, optionally of one outcome. */
export class ListContractImportRowsQuery extends Query<Page<ContractImportRow>> {
  constructor(
    readonly actor: Actor,
    readonly importId: string,
    readonly status: ContractImportRowStatus | undefined,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
