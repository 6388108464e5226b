import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SqlTasks } from '../../../infrastructure/sql-tasks.js';
import { MoveLeadTasksCommand } from './move-lead-tasks.command.js';

@CommandHandler(MoveLeadTasksCommand)
export class MoveLeadTasksHandler implements ICommandHandler<MoveLeadTasksCommand> {
  constructor(private readonly tasks: SqlTasks) {}

  async execute({ input }: MoveLeadTasksCommand): Promise<{ movedTaskIds: string[] }> {
    return { movedTaskIds: await this.tasks.moveOpenLeadTasks(input, new Date()) };
  }
}
