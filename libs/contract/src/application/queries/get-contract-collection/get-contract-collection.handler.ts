import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataScope, TransactionHost } from '@crm/platform';
import Big from 'big.js';
import { OrderErrors } from '../../../domain/order.errors.js';
import { GetContractCollectionQuery, type ContractCollection } from './get-contract-collection.query.js';

@QueryHandler(GetContractCollectionQuery)
export class GetContractCollectionHandler implements IQueryHandler<GetContractCollectionQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, contractId }: GetContractCollectionQuery): Promise<ContractCollection> {
    const row = await this.tx.queryOne<{ ownerId: string; amount: string; currency: string; orderCount: number; ordered: string; collected: string }>(
      `SELECT c.owner_id AS "ownerId", c.amount::text AS amount, c.currency,
              (SELECT count(*)::int FROM contract.orders o WHERE o.contract_id = c.id) AS "orderCount",
              (SELECT COALESCE(sum(o.total), 0)::text FROM contract.orders o WHERE o.contract_id = c.id) AS ordered,
              (SELECT COALESCE(sum(o.paid), 0)::text FROM contract.orders o WHERE o.contract_id = c.id) AS collected
         FROM contract.contracts c WHERE c.id = $1`,
      [contractId],
    );
    if (!row || !DataScope.of(actor).allows({ ownerId: row.ownerId })) throw OrderErrors.contractNotFound();
    const amount = new Big(row.amount);
    return {
      contractId,
      amount: amount.toFixed(2),
      currency: row.currency,
      orderCount: row.orderCount,
      ordered: new Big(row.ordered).toFixed(2),
      collected: new Big(row.collected).toFixed(2),
      collectionRatio: amount.eq(0) ? null : new Big(row.collected).div(amount).round(4, Big.roundHalfUp).toFixed(4),
    };
  }
}
