import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PICK_STRATEGIES, type Condition, type PickStrategy } from '@crm/kernel';
import { PageQueryDto } from '@crm/platform';
import { ASSIGNMENT_STRATEGIES, MAX_DEPTH_LIMIT, type AssignmentStrategy, type LeadPoolRules } from '../../domain/lead-pool.js';
import { PoolRefDto } from './lead.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NullableInt = () => ValidateIf((_, value) => value !== null && value !== undefined);

const CONDITION_OPS = ['eq', 'in', 'range'] as const;

export class AssignmentConditionDto {
  @ApiProperty({
    example: 'province',
    description: 'A fact of the lead: region/province, city, industry, channel, campaign, utmSource, type (company/person), grade, score.',
  })
  @IsString()
  @Length(1, 50)
  fact: string;

  @ApiProperty({ enum: CONDITION_OPS, description: '`eq` value, `in` values, `range` min/max (inclusive).' })
  @IsIn(CONDITION_OPS)
  op: (typeof CONDITION_OPS)[number];

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], description: 'For `eq`.' })
  @ValidateIf((condition: AssignmentConditionDto) => condition.op === 'eq')
  @IsDefined()
  value?: string | number | boolean;

  @ApiPropertyOptional({ type: [String], description: 'For `in`.', example: ['浙江', '江苏'] })
  @ValidateIf((condition: AssignmentConditionDto) => condition.op === 'in')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  values?: (string | number)[];

  @ApiPropertyOptional({ type: Number, description: 'For `range`.' })
  @IsOptional()
  @IsNumber()
  min?: number;

  @ApiPropertyOptional({ type: Number, description: 'For `range`.' })
  @IsOptional()
  @IsNumber()
  max?: number;
}

export class AssignToDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "The people this entry hands leads to; empty: the pool's members." })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  assigneeIds: string[];

  @ApiProperty({ enum: PICK_STRATEGIES, description: 'round-robin [轮询], least-busy [按负载] or weighted [按权重].' })
  @IsIn(PICK_STRATEGIES)
  strategy: PickStrategy;
}

export class AssignmentRuleDto {
  @ApiProperty({ example: 'east-china' })
  @IsString()
  @Length(1, 50)
  id: string;

  @ApiProperty({ type: [AssignmentConditionDto], description: 'All must hold; none: a catch-all (put it last).' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AssignmentConditionDto)
  when: AssignmentConditionDto[];

  @ApiProperty({ type: AssignToDto })
  @ValidateNested()
  @Type(() => AssignToDto)
  then: AssignToDto;
}

export class LeadPoolRulesDto {
  @ApiPropertyOptional({
    enum: ASSIGNMENT_STRATEGIES,
    description:
      'How new leads find an owner [分配策略]: `manual` and `grab` leave them in the pool (an admin assigns; members claim [抢单]); `round-robin` [轮询] and `by-load` [按负载] go over the members; `by-rules` (alias `by-region`) evaluates `assignmentRules` in order, first match wins.',
  })
  @IsOptional()
  @IsIn(ASSIGNMENT_STRATEGIES)
  assignmentStrategy?: AssignmentStrategy;

  @ApiPropertyOptional({ type: [AssignmentRuleDto], description: 'Ordered entries for `by-rules` [分配规则].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AssignmentRuleDto)
  assignmentRules?: AssignmentRuleDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Per-person limit of open leads held from this pool (user id → count), overriding `maxHeld`.',
  })
  @IsOptional()
  @IsObject()
  memberCapacity?: Record<string, number>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Per-person weight for `weighted` entries (user id → weight, default 1).',
  })
  @IsOptional()
  @IsObject()
  memberWeights?: Record<string, number>;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    nullable: true,
    type: 'integer',
    description: 'Days after assignment without conversion before a lead is recycled; null: never.',
  })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(3650)
  recycleIfNotConvertedDays?: number | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    nullable: true,
    type: 'integer',
    description: 'Days the previous owner of a recycled lead waits before claiming it again [冷却期].',
  })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(365)
  reclaimCooldownDays?: number | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    nullable: true,
    type: 'integer',
    description: 'Days after assignment without a follow-up (a call outcome) before a lead is recycled [回收]; null: never.',
  })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(3650)
  recycleAfterDays?: number | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 720,
    nullable: true,
    type: 'integer',
    example: 24,
    description: 'Hours before the follow-up deadline (`recycleAfterDays`) when the owner gets one inbox reminder [回收提醒]; null: none.',
  })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(720)
  remindHoursBefore?: number | null;

  @ApiPropertyOptional({ example: 'parent', description: 'Where recycled leads go: `parent` (default) or a pool id.' })
  @IsOptional()
  @Matches(/^(parent|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'recycleTo must be "parent" or a pool id' })
  recycleTo?: string;

  @ApiPropertyOptional({ minimum: 1, nullable: true, type: 'integer', description: 'Leads one person may grab [抢单] per day; null: no limit.' })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  maxClaimsPerDay?: number | null;

  @ApiPropertyOptional({ minimum: 1, nullable: true, type: 'integer', description: 'Open leads one person may own from this pool; null: no limit.' })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  maxHeld?: number | null;
}

class LeadPoolPeople {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Members [成员]: see and work the leads of this pool and its sub-pools.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Admins [管理员]: also manage this pool and its sub-pools and move their leads.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  adminIds?: string[];

  @ApiPropertyOptional({ type: LeadPoolRulesDto, description: 'Rules as data; only the rules given change.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadPoolRulesDto)
  rules?: LeadPoolRulesDto;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_DEPTH_LIMIT,
    description: 'Top-level pools only: how many levels the tree may have [线索池层级] (default 3; seed 003 advises no more).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DEPTH_LIMIT)
  maxDepth?: number;
}

export class CreateLeadPoolDto extends LeadPoolPeople {
  @ApiProperty({ example: '华东市场组线索池', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Parent pool; you must admin it or a pool above it. Omit for a top-level pool (administrators).' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class ChangeLeadPoolDto extends LeadPoolPeople {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  name?: string;
}

class YouDto {
  @ApiProperty({ description: 'You are a member of this pool.' }) member: boolean;
  @ApiProperty({ description: 'You are an admin of this pool.' }) admin: boolean;
  @ApiProperty({ description: 'You manage it (admin here or above).' }) manages: boolean;
}

class LeadPoolRulesViewDto {
  @ApiProperty({ enum: ASSIGNMENT_STRATEGIES }) assignmentStrategy: string;
  @ApiProperty({ type: [AssignmentRuleDto] }) assignmentRules: object[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) memberCapacity: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) memberWeights: Record<string, number>;
  @ApiProperty({ nullable: true, type: 'integer' }) recycleAfterDays: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) remindHoursBefore: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) recycleIfNotConvertedDays: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) reclaimCooldownDays: number | null;
  @ApiProperty() recycleTo: string;
  @ApiProperty({ nullable: true, type: 'integer' }) maxClaimsPerDay: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) maxHeld: number | null;
}

export class LeadPoolDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '华东市场组线索池' }) name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: [PoolRefDto], description: 'Top-level pool first, this pool last.' }) path: PoolRefDto[];
  @ApiProperty({ type: 'integer', description: 'Level in its tree, 1 for a top-level pool.' }) depth: number;
  @ApiProperty({ type: 'integer', description: 'Levels its tree may have.' }) treeMaxDepth: number;
  @ApiProperty({ type: [String], format: 'uuid' }) memberIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) adminIds: string[];
  @ApiProperty({ type: LeadPoolRulesViewDto }) rules: LeadPoolRulesViewDto;
  @ApiProperty({ type: YouDto }) you: YouDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'Version; the ETag is its quoted form.' }) version: number;
}

export class LeadPoolPageDto {
  @ApiProperty({ type: [LeadPoolDto] }) items: LeadPoolDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class LeadPoolListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct sub-pools of this pool.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

/** The rules a body gives, as the pool stores them (conditions in their exact form). */
export function rulesFromDto(dto: LeadPoolRulesDto | undefined): Partial<LeadPoolRules> {
  if (!dto) return {};
  const { assignmentRules, ...rest } = dto;
  if (!assignmentRules) return rest;
  return {
    ...rest,
    assignmentRules: assignmentRules.map((rule) => ({
      id: rule.id,
      then: { assigneeIds: rule.then.assigneeIds, strategy: rule.then.strategy },
      when: rule.when.map((condition): Condition => {
        if (condition.op === 'eq') return { fact: condition.fact, op: 'eq', value: condition.value! };
        if (condition.op === 'in') return { fact: condition.fact, op: 'in', values: condition.values! };
        return {
          fact: condition.fact,
          op: 'range',
          ...(condition.min !== undefined ? { min: condition.min } : {}),
          ...(condition.max !== undefined ? { max: condition.max } : {}),
        };
      }),
    })),
  };
}
