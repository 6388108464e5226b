import { Command } from '@nestjs/cqrs';

/**
 * Re-scores every open lead scored with older rules than those in force [重新评分], set-based in
 * batches: each batch is locked, scored in memory and written with one statement.
 */
export class RescoreOpenLeadsCommand extends Command<{ rescored: number }> {
  constructor(readonly batchSize = 500) {
    super();
  }
}
