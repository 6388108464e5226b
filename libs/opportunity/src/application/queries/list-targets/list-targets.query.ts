import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { TargetSubjectType } from '../../../infrastructure/sql-targets.js';
import type { TargetView } from '../../targets/target-view.js';

export interface TargetFilters {
  period?: string;
  subjectType?: TargetSubjectType;
  subjectId?: string;
  metric?: string;
}

/** The targets the caller may see [目标列表] (their own, their team's and department's, their scope's), by id. */
export class ListTargetsQuery extends Query<Page<TargetView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: TargetFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
