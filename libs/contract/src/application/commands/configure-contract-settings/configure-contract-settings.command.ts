import { Command } from '@nestjs/cqrs';

/** Changes the contract settings [合同设置]: number pattern and reminder lead times; absent fields stay. */
export class ConfigureContractSettingsCommand extends Command<void> {
  constructor(
    readonly changes: { numberPattern?: string; endingReminderDays?: number; instalmentReminderDays?: number },
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
