import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';

/** One entry of an opportunity's stage history [阶段变更记录]. */
export interface StageChangeView {
  id: string;
  fromStage: { id: string; name: string } | null;
  toStage: { id: string; name: string };
  probability: number;
  probabilityReason: string | null;
  amount: string | null;
  changedAt: string;
  changedBy: string;
  /** Whole seconds spent in the stage it left; null for the first entry. */
  secondsInPreviousStage: number | null;
  cause: 'created' | 'manual' | 'pipeline-edited';
}

/** An opportunity's stage history, oldest first. */
export class ListStageChangesQuery extends Query<Page<StageChangeView>> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
