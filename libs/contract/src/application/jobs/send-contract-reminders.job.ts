import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SendContractRemindersCommand } from '../commands/send-contract-reminders/send-contract-reminders.command.js';

/** The scheduled scan for contracts ending soon and instalments due or overdue [合同提醒]; safe to run as often and in as many processes as one likes. */
@Injectable()
export class SendContractRemindersJob {
  constructor(private readonly commands: CommandBus) {}

  /** Runs batches until nothing is left; answers how many reminders went out. */
  async run(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.commands.execute(new SendContractRemindersCommand(now));
      const count = sent.endingSoon + sent.instalmentsDue + sent.instalmentsOverdue;
      total += count;
      if (count === 0) return total;
    }
  }
}
