import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface StageChangeInput {
  toStageId: string;
  /** The owner's override of the new stage's win probability, with `probabilityReason`. */
  probability?: number;
  probabilityReason?: string;
  /** Required to lose [输单]. */
  lossReasonId?: string;
  /** The competitor who won it, when losing. */
  lostTo?: string;
}

/** Moves an opportunity to another stage of its pipeline [推进销售阶段]; won and lost close it for good. */
export class ChangeStageCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly input: StageChangeInput,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
