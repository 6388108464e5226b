import { Command } from '@nestjs/cqrs';
import type { AssignmentRule } from '../../../domain/assignment.js';

/** Replaces the ordered assignment rules [分派规则]; the first rule that matches a new ticket routes it. */
export class ReplaceAssignmentRulesCommand extends Command<AssignmentRule[]> {
  constructor(readonly rules: Omit<AssignmentRule, 'id'>[]) {
    super();
  }
}
