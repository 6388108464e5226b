import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { AssignmentRule } from '../../../domain/assignment.js';

/** The assignment rules [分派规则] in the order they are tried. */
export class GetAssignmentRulesQuery extends Query<Page<AssignmentRule>> {}
