import { DomainError, NotFoundError } from '@crm/kernel';

export const BankErrors = {
  transactionNotFound: () => new NotFoundError('BANK.TRANSACTION_NOT_FOUND', 'No such bank transaction.'),
  notMatchable: (status: string) =>
    new DomainError('BANK.TRANSACTION_NOT_MATCHABLE', 'conflict', `The transaction is ${status}: undo its match first.`, { transactionStatus: status }),
  notMatched: (status: string) =>
    new DomainError('BANK.TRANSACTION_NOT_MATCHED', 'conflict', `The transaction is ${status}; there is nothing to undo.`, { transactionStatus: status }),
  orderHandedOff: () => new DomainError('BANK.ORDER_HANDED_OFF', 'conflict', 'The order was handed off: its payments no longer change.'),
  accountNumberTaken: () => new DomainError('BANK.ACCOUNT_NUMBER_TAKEN', 'conflict', 'This account number is registered already.'),
  currencyMismatch: () => new DomainError('BANK.CURRENCY_MISMATCH', 'rule-violation', 'The transaction is in another currency than the order.'),
};
