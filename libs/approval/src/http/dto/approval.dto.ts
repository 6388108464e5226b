import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ROLE_KEY_PATTERN } from '@crm/contracts/identity';
import { PageQueryDto } from '@crm/platform';
import { CONDITION_OPERATORS, type ConditionOperator } from '../../domain/step-condition.js';
import { APPROVER_KINDS, REQUEST_STATUSES, STEP_MODES, STEP_STATUSES, type ApproverRule, type StepMode } from '../../domain/approval.types.js';

export class ApproverRuleDto {
  @ApiProperty({
    enum: APPROVER_KINDS,
    description:
      "`line-heads`: heads of the product lines involved [条线负责人]; `manager`: the applicant's manager, their team lead or else the department head above them [直属上级]; `department-head`: the head of the applicant's department [部门负责人]; `role`: anyone with the role; `users`: named users.",
  })
  @IsIn(APPROVER_KINDS)
  kind: ApproverRule['kind'];

  @ApiPropertyOptional({ example: 'sales-manager', description: 'With `role`: a role key (GET /api/v1/roles).' })
  @ValidateIf((rule: ApproverRuleDto) => rule.kind === 'role')
  @Matches(ROLE_KEY_PATTERN)
  role?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'With `users`.' })
  @ValidateIf((rule: ApproverRuleDto) => rule.kind === 'users')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  userIds?: string[];
}

export class StepConditionDto {
  @ApiProperty({ example: 'amount', description: 'A fact the requesting context supplies: `amount` (decimal string), `contractType`, `grade`…' })
  @IsString()
  @Length(1, 40)
  fact: string;

  @ApiProperty({ enum: CONDITION_OPERATORS, example: 'gte' })
  @IsIn(CONDITION_OPERATORS)
  op: ConditionOperator;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    example: '500000',
    description: 'Compared with the fact; amounts compare as decimals.',
  })
  @IsDefined()
  value: string | number | boolean | string[];
}

export class StepDefinitionDto {
  @ApiProperty({ example: '条线负责人审批' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: STEP_MODES, description: '`any-of` [或签]: one approval settles it; `all-of` [会签]: everyone must approve.' })
  @IsIn(STEP_MODES)
  mode: StepMode;

  @ApiProperty({ type: ApproverRuleDto })
  @ValidateNested()
  @Type(() => ApproverRuleDto)
  approvers: ApproverRuleDto;

  @ApiPropertyOptional({
    type: [StepConditionDto],
    description: 'The step applies only when every condition holds [条件审批], e.g. a legal step [法务] when `amount gte 500000`.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => StepConditionDto)
  when?: StepConditionDto[];
}

export class ConfigureProcessDto {
  @ApiProperty({ type: [StepDefinitionDto], description: 'Serial steps: each must pass before the next opens.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => StepDefinitionDto)
  steps: StepDefinitionDto[];

  @ApiProperty({ type: [String], format: 'uuid', description: "Approvers when a step's rule finds nobody (then: admins)." })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  defaultApproverIds: string[];
}

export class ProcessDto extends ConfigureProcessDto {
  @ApiProperty({ example: 'claim-application' }) subjectType: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class DecisionInputDto {
  @ApiProperty({ enum: ['approve', 'reject'], description: 'Approve [同意] or reject [驳回].' })
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required when rejecting (the reason).' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  comment?: string;
}

export class DecisionResultDto {
  @ApiProperty({ enum: REQUEST_STATUSES }) status: string;
}

export class DecisionDto {
  @ApiProperty({ format: 'uuid' }) approverId: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) decision: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class RequestStepDto {
  @ApiProperty({ type: 'integer' }) index: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STEP_MODES }) mode: string;
  @ApiProperty({ type: [String], format: 'uuid' }) approverIds: string[];
  @ApiProperty({ enum: STEP_STATUSES }) status: string;
  @ApiProperty({ type: [DecisionDto] }) decisions: DecisionDto[];
}

export class ApprovalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'claim-application' }) subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ format: 'uuid' }) applicantId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) context: Record<string, unknown>;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) customerId: string | null;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: string;
  @ApiProperty({ type: [RequestStepDto] }) steps: RequestStepDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class ApprovalPageDto {
  @ApiProperty({ type: [ApprovalDto] }) items: ApprovalDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ApprovalListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['waiting-for-me', 'mine'], default: 'waiting-for-me', description: '待我审批 / 我发起的' })
  @IsOptional()
  @IsIn(['waiting-for-me', 'mine'])
  box?: 'waiting-for-me' | 'mine';

  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: string;
}

export const SUBJECT_TYPE = /^[a-z][a-z0-9-]{1,49}$/;
