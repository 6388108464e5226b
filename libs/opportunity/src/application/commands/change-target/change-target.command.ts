import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TargetView } from '../../targets/target-view.js';

/** A manager changes a target's value [调整目标]; If-Match guards against a change made meanwhile. */
export class ChangeTargetCommand extends Command<TargetView> {
  constructor(
    readonly actor: Actor,
    readonly targetId: string,
    readonly value: string,
    readonly expectedVersion: number | undefined,
  ) {
    super();
  }
}
