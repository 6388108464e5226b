import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { GradePolicy } from '../../../domain/customer-grade.js';

/** Replaces the grade rules [客户等级规则] and re-grades every customer. */
export class ReplaceGradePolicyCommand extends Command<{ version: number; regraded: number }> {
  constructor(
    readonly actor: Actor,
    readonly policy: GradePolicy,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
