import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, decodeCursor, SqlParams, toPage, TransactionHost, type AppConfig, type Page } from '@crm/platform';
import { todayIn } from '../../../domain/instalment-collection.js';
import { visibleContractsPredicate } from '../../contract-access.js';
import { CONTRACT_VIEW_SELECT, toView, type ContractView, type ContractViewRow } from '../contract-view.js';
import { ListContractsQuery } from './list-contracts.query.js';

const EQUALS = { status: 'c.status', type: 'c.type', customerId: 'c.customer_id', opportunityId: 'c.opportunity_id', ownerId: 'c.owner_id' } as const;

@QueryHandler(ListContractsQuery)
export class ListContractsHandler implements IQueryHandler<ListContractsQuery> {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, filters, limit, cursor }: ListContractsQuery): Promise<Page<ContractView>> {
    const [beforeId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const params = new SqlParams();
    const where = [visibleContractsPredicate(actor, params)];
    for (const [filter, column] of Object.entries(EQUALS) as [keyof typeof EQUALS, string][]) {
      if (filters[filter] !== undefined) where.push(`${column} = ${params.add(filters[filter])}`);
    }
    if (filters.endingBefore !== undefined) where.push(`c.end_date <= ${params.add(filters.endingBefore)}::date`);
    if (beforeId) where.push(`c.id < ${params.add(beforeId)}::uuid`);
    const rows = await this.tx.query<ContractViewRow>(
      `${CONTRACT_VIEW_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const today = todayIn(this.config.timeZone);
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => toView(row, today),
    );
  }
}
