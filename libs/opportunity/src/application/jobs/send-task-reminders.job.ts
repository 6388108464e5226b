import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SendTaskRemindersCommand } from '../commands/send-task-reminders/send-task-reminders.command.js';

/** The scheduled scan for due tasks [任务提醒]; safe to run as often and in as many processes as one likes. */
@Injectable()
export class SendTaskRemindersJob {
  constructor(private readonly commands: CommandBus) {}

  run(now = new Date()): Promise<number> {
    return this.commands.execute(new SendTaskRemindersCommand(now));
  }
}
