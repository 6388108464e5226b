import { Command } from '@nestjs/cqrs';

/** Takes this week's forecast snapshot [预测快照] unless it was taken already; `takenBy` is a user id or `system`. */
export class SnapshotForecastsCommand extends Command<{ weekStart: string; taken: boolean; rows: number }> {
  constructor(
    readonly takenBy: string,
    readonly now: Date = new Date(),
  ) {
    super();
  }
}
