import { Command } from '@nestjs/cqrs';
import type { StepDefinition } from '../../../domain/approval.types.js';

/** Defines how requests of one subject type are approved [审批流程]; pending requests keep the steps they opened with. */
export class ConfigureApprovalProcessCommand extends Command<{ version: number }> {
  constructor(
    readonly subjectType: string,
    readonly steps: StepDefinition[],
    readonly defaultApproverIds: string[],
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
