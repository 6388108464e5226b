import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { BankErrors } from '../../../domain/bank.errors.js';
import { money } from '../../../domain/order-money.js';
import { BankRepository } from '../../../infrastructure/bank.repository.js';
import { CreateBankAccountCommand } from './create-bank-account.command.js';

@CommandHandler(CreateBankAccountCommand)
export class CreateBankAccountHandler implements ICommandHandler<CreateBankAccountCommand> {
  constructor(private readonly bank: BankRepository) {}

  async execute({ input }: CreateBankAccountCommand): Promise<{ id: string; secret: string }> {
    const account = {
      id: uuidv7(),
      name: input.name,
      accountNumber: input.accountNumber,
      secret: randomBytes(32).toString('base64url'),
      tolerance: money(input.tolerance),
    };
    if (!(await this.bank.insertAccount(account))) throw BankErrors.accountNumberTaken();
    return { id: account.id, secret: account.secret };
  }
}
