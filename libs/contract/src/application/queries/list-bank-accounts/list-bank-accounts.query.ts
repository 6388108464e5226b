import { Query } from '@nestjs/cqrs';

export interface BankAccountView {
  id: string;
  name: string;
  accountNumber: string;
  tolerance: string;
}

/** Registered bank accounts [银行账户], without their secrets. */
export class ListBankAccountsQuery extends Query<BankAccountView[]> {}
