import { Command } from '@nestjs/cqrs';

/** Registers a bank account [银行账户] whose notifications are accepted; its signing secret is answered once. */
export class CreateBankAccountCommand extends Command<{ id: string; secret: string }> {
  constructor(readonly input: { name: string; accountNumber: string; tolerance: string }) {
    super();
  }
}
