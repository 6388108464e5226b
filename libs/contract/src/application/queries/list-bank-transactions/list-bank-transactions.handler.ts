import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { BankRepository } from '../../../infrastructure/bank.repository.js';
import { ListBankTransactionsQuery, type BankTransactionView } from './list-bank-transactions.query.js';

@QueryHandler(ListBankTransactionsQuery)
export class ListBankTransactionsHandler implements IQueryHandler<ListBankTransactionsQuery> {
  constructor(private readonly bank: BankRepository) {}

  async execute({ status, limit, cursor }: ListBankTransactionsQuery): Promise<Page<BankTransactionView>> {
    const [beforeId] = (decodeCursor(cursor, ['string']) ?? []) as [string?];
    const rows = await this.bank.list(status, limit + 1, beforeId);
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      ({ payerKey: _payerKey, firstResult: _firstResult, ...row }) => ({
        ...row,
        receivedAt: row.receivedAt.toISOString(),
        matchedAt: row.matchedAt?.toISOString() ?? null,
      }),
    );
  }
}
