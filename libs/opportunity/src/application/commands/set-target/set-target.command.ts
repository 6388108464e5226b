import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TargetSubjectType } from '../../../infrastructure/sql-targets.js';
import type { TargetView } from '../../targets/target-view.js';

export interface TargetInput {
  subjectType: TargetSubjectType;
  subjectId: string;
  period: string;
  metric: string;
  value: string;
}

/** A manager sets a target [设定目标] for someone in their scope, a team or a department. */
export class SetTargetCommand extends Command<TargetView> {
  constructor(
    readonly actor: Actor,
    readonly input: TargetInput,
  ) {
    super();
  }
}
