import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { SetCustomerHoldersCommand } from './set-customer-holders.command.js';

@CommandHandler(SetCustomerHoldersCommand)
export class SetCustomerHoldersHandler implements ICommandHandler<SetCustomerHoldersCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tx: TransactionHost,
  ) {}

  execute({ holders }: SetCustomerHoldersCommand): Promise<{ updated: number }> {
    return this.tx.run(async () => ({ updated: await this.customers.setHolders(holders) }));
  }
}
