import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BankRepository } from '../../../infrastructure/bank.repository.js';
import { ListBankAccountsQuery, type BankAccountView } from './list-bank-accounts.query.js';

@QueryHandler(ListBankAccountsQuery)
export class ListBankAccountsHandler implements IQueryHandler<ListBankAccountsQuery> {
  constructor(private readonly bank: BankRepository) {}

  execute(): Promise<BankAccountView[]> {
    return this.bank.listAccounts();
  }
}
