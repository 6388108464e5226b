import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, TransactionHost, type Page } from '@crm/platform';
import type { ContractTerms } from '../../../domain/contract.aggregate.js';
import { GetContractQuery } from '../get-contract/get-contract.query.js';
import { ListContractVersionsQuery, type ContractVersionView } from './list-contract-versions.query.js';

interface VersionRow {
  version_no: number;
  status: ContractVersionView['status'];
  terms: ContractTerms;
  changes: ContractVersionView['changes'];
  reason: string | null;
  approval_request_id: string | null;
  requested_by: string;
  requested_at: Date;
  decided_at: Date | null;
}

@QueryHandler(ListContractVersionsQuery)
export class ListContractVersionsHandler implements IQueryHandler<ListContractVersionsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, contractId, limit, cursor }: ListContractVersionsQuery): Promise<Page<ContractVersionView>> {
    // The contract's data scope covers its versions: out of scope is the contract's 404.
    await this.queries.execute(new GetContractQuery(actor, contractId));
    const [after] = (decodeCursor(cursor, ['number']) ?? [0]) as number[];
    const rows = await this.tx.query<VersionRow>(
      `SELECT version_no, status, terms, changes, reason, approval_request_id, requested_by, requested_at, decided_at
         FROM contract.versions WHERE contract_id = $1 AND version_no > $2 ORDER BY version_no LIMIT $3`,
      [contractId, after, limit + 1],
    );
    return toPage(
      rows,
      limit,
      (row) => [row.version_no],
      (row) => ({
        versionNo: row.version_no,
        status: row.status,
        terms: row.terms,
        changes: row.changes,
        reason: row.reason,
        approvalRequestId: row.approval_request_id,
        requestedBy: row.requested_by,
        requestedAt: new Date(row.requested_at).toISOString(),
        decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
      }),
    );
  }
}
