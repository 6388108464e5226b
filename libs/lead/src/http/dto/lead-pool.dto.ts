import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { ASSIGNMENT_STRATEGIES, MAX_DEPTH_LIMIT, type AssignmentStrategy } from '../../domain/lead-pool.js';
import { PoolRefDto } from './lead.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NullableInt = () => ValidateIf((_, value) => value !== null && value !== undefined);

export class LeadPoolRulesDto {
  @ApiPropertyOptional({ enum: ASSIGNMENT_STRATEGIES, description: 'How leads find an owner [分配策略] (acted on in a later version).' })
  @IsOptional()
  @IsIn(ASSIGNMENT_STRATEGIES)
  assignmentStrategy?: AssignmentStrategy;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, nullable: true, type: Number, description: 'Days unworked before a lead is recycled [回收]; null: never.' })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(3650)
  recycleAfterDays?: number | null;

  @ApiPropertyOptional({ example: 'parent', description: 'Where recycled leads go: `parent` (default) or a pool id.' })
  @IsOptional()
  @Matches(/^(parent|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'recycleTo must be "parent" or a pool id' })
  recycleTo?: string;

  @ApiPropertyOptional({ minimum: 1, nullable: true, type: Number, description: 'Leads one person may grab [抢单] per day; null: no limit.' })
  @NullableInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  maxClaimsPerDay?: number | null;

  @ApiPropertyOptional({ minimum: 1, nullable: true, type: Number, description: 'Open leads one person may own from this pool; null: no limit.' })
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
  @ApiProperty({ nullable: true, type: Number }) recycleAfterDays: number | null;
  @ApiProperty() recycleTo: string;
  @ApiProperty({ nullable: true, type: Number }) maxClaimsPerDay: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxHeld: number | null;
}

export class LeadPoolDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '华东市场组线索池' }) name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: [PoolRefDto], description: 'Top-level pool first, this pool last.' }) path: PoolRefDto[];
  @ApiProperty({ description: 'Level in its tree, 1 for a top-level pool.' }) depth: number;
  @ApiProperty({ description: 'Levels its tree may have.' }) treeMaxDepth: number;
  @ApiProperty({ type: [String], format: 'uuid' }) memberIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) adminIds: string[];
  @ApiProperty({ type: LeadPoolRulesViewDto }) rules: LeadPoolRulesViewDto;
  @ApiProperty({ type: YouDto }) you: YouDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Version; the ETag is its quoted form.' }) version: number;
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
