import { Command } from '@nestjs/cqrs';

/** Leads per batch: each batch is one transaction of five statements, whatever its size. */
const BATCH = 2000;
/** Passes run side by side in one process, so one batch is scored in memory while another is written. */
const LANES = 2;

/**
 * Re-scores every open lead scored with older rules than those in force [重新评分], set-based in
 * batches, each its own transaction: locked (SKIP LOCKED, so other workers share the work),
 * scored in memory, written with one statement.
 */
export class RescoreOpenLeadsCommand extends Command<{ rescored: number }> {
  constructor(
    readonly batchSize = BATCH,
    readonly lanes = LANES,
  ) {
    super();
  }
}
