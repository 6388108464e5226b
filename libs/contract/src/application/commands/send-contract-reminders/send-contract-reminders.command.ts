import { Command } from '@nestjs/cqrs';

/** Reminds of contracts ending soon and of instalments due or overdue [合同提醒], each once. Answers how many of each. */
export class SendContractRemindersCommand extends Command<{ endingSoon: number; instalmentsDue: number; instalmentsOverdue: number }> {
  constructor(readonly now: Date) {
    super();
  }
}
