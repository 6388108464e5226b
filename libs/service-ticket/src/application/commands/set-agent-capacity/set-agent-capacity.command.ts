import { Command } from '@nestjs/cqrs';

/** How many open tickets an agent may hold at once [接单上限]; null: no limit. */
export class SetAgentCapacityCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly capacity: number | null,
  ) {
    super();
  }
}
