import { Command } from '@nestjs/cqrs';

/** Reminds the assignees of open tasks due soon or overdue [任务提醒], each task once. */
export class SendTaskRemindersCommand extends Command<number> {
  constructor(readonly now: Date) {
    super();
  }
}
