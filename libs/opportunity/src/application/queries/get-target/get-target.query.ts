import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TargetView } from '../../targets/target-view.js';

/** One target [目标] with its achievement, if the caller may see it. */
export class GetTargetQuery extends Query<TargetView> {
  constructor(
    readonly actor: Actor,
    readonly targetId: string,
  ) {
    super();
  }
}
