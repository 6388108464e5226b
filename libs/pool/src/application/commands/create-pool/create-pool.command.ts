import { Command } from '@nestjs/cqrs';
import type { PoolRules } from '../../../domain/pool-rules.js';

/** A department's own pool [部门公海]: its people are the members; new customers of the department land in it. */
export class CreatePoolCommand extends Command<{ id: string }> {
  constructor(readonly input: { name: string; departmentId: string; adminIds: string[]; rules: PoolRules }) {
    super();
  }
}
