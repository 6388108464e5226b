import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, SqlParams, TransactionHost, type AppConfig } from '@crm/platform';
import { ContractErrors } from '../../../domain/contract.errors.js';
import { todayIn } from '../../../domain/instalment-collection.js';
import { visibleContractsPredicate } from '../../contract-access.js';
import { CONTRACT_VIEW_SELECT, toView, type ContractView, type ContractViewRow } from '../contract-view.js';
import { GetContractQuery } from './get-contract.query.js';

@QueryHandler(GetContractQuery)
export class GetContractHandler implements IQueryHandler<GetContractQuery> {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, contractId }: GetContractQuery): Promise<ContractView> {
    const params = new SqlParams();
    const id = params.add(contractId);
    const row = await this.tx.queryOne<ContractViewRow>(
      `${CONTRACT_VIEW_SELECT} WHERE c.id = ${id} AND ${visibleContractsPredicate(actor, params)}`,
      params.values,
    );
    if (!row) throw ContractErrors.notFound();
    return toView(row, todayIn(this.config.timeZone));
  }
}
