import { Query } from '@nestjs/cqrs';
import type { GradePolicy } from '../../../domain/customer-grade.js';

/** The grade rules [客户等级规则] in force, with their version (the ETag). */
export class GetGradePolicyQuery extends Query<GradePolicy & { version: number }> {}
