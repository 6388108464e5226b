import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { SCOPE_MODES } from '../../domain/claim-scope.js';

export class ScopeDto {
  @ApiProperty({
    enum: SCOPE_MODES,
    description: "What to hold: the whole customer, one product line [条线], or products; must match the pool's scope mode.",
  })
  @IsIn(SCOPE_MODES)
  kind: 'customer' | 'product-line' | 'product';

  @ApiPropertyOptional({ format: 'uuid', description: 'With `product-line`.' })
  @ValidateIf((scope: ScopeDto) => scope.kind === 'product-line')
  @IsUUID()
  productLineId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'With `product`: several products in one application.' })
  @ValidateIf((scope: ScopeDto) => scope.kind === 'product')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  productIds?: string[];
}

export class ClaimDto {
  @ApiPropertyOptional({ type: ScopeDto, description: 'Defaults to the whole customer.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScopeDto)
  scope?: ScopeDto;

  @ApiPropertyOptional({
    default: false,
    description: 'When your role may not claim this grade directly: apply for approval instead of a 403 [申请审批].',
  })
  @IsOptional()
  @IsBoolean()
  applyIfNotPermitted?: boolean;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why you should get it; shown to approvers [申领理由].' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class BatchClaimDto extends ClaimDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  customerIds: string[];
}

export class ClaimResultDto {
  @ApiProperty({ enum: ['protected', 'pending-approval'] }) status: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) protectionIds?: string[];
  @ApiPropertyOptional({ format: 'uuid' }) applicationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) approvalRequestId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The customer is reserved for you until then.' }) reservedUntil?: string;
}

export class BatchClaimItemDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ['protected', 'pending-approval', 'failed'] }) status: string;
  @ApiPropertyOptional({ type: ClaimResultDto }) result?: ClaimResultDto;
  @ApiPropertyOptional({ description: 'The problem document this customer alone would have returned.', type: 'object', additionalProperties: true })
  problem?: Record<string, unknown>;
}

export class BatchClaimResultDto {
  @ApiProperty({ type: [BatchClaimItemDto] }) results: BatchClaimItemDto[];
}

export class ReleaseDto {
  @ApiProperty({ example: '客户已确认无采购计划', description: 'Why [释放原因].' })
  @IsString()
  @Length(1, 1000)
  reason: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Release someone else's protection (pool admins, managers over them)." })
  @IsOptional()
  @IsUUID()
  holderId?: string;
}

export class ReleasedDto {
  @ApiProperty({ type: 'integer', description: 'Protections ended.' }) released: number;
}

export class TransferDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fromUserId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  toUserId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Omit to transfer everything the person holds.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @IsUUID('all', { each: true })
  customerIds?: string[];

  @ApiProperty({ example: '离职交接' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class TransferredDto {
  @ApiProperty({ type: [String], format: 'uuid' }) transferred: string[];
}

export class PoolRulesDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3650, description: 'Days without follow-up before recycling [回收天数].' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  recycleAfterDays?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, example: { A: 90 }, description: 'By grade.' })
  @IsOptional()
  @IsObject()
  recycleAfterDaysByGrade?: Record<string, number>;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365, description: 'Remind the holder this many days before [提醒].' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  remindDaysBefore?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'sales-rep': 100 },
    description: 'Hold limit by role [保有上限].',
  })
  @IsOptional()
  @IsObject()
  maxHeldByRole?: Record<string, number>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Hold limit per user id (overrides the role).' })
  @IsOptional()
  @IsObject()
  maxHeldByUser?: Record<string, number>;

  @ApiPropertyOptional({ minimum: 1, nullable: true, type: 'integer', description: 'Claims per person per day [每日申领上限]; null: none.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  maxClaimsPerDay?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365, description: 'Days before a previous holder may re-claim [冷静期].' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  coolDownDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2160, description: 'Hours a pending application reserves the customer.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2160)
  reservationHours?: number;

  @ApiPropertyOptional({ enum: SCOPE_MODES, description: 'Protection scope [保护范围]: whole customer, product line or product.' })
  @IsOptional()
  @IsIn(SCOPE_MODES)
  scopeMode?: 'customer' | 'product-line' | 'product';

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { A: ['sales-manager'] },
    description: 'Grade -> roles that may claim directly [等级权限]; others apply. Unlisted grades: anyone.',
  })
  @IsOptional()
  @IsObject()
  gradeRights?: Record<string, string[]>;
}

export class CreatePoolDto {
  @ApiProperty({ example: '华东公海' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ format: 'uuid', description: "Its members are this department's people." })
  @IsUUID()
  departmentId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  adminIds?: string[];

  @ApiPropertyOptional({ type: PoolRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PoolRulesDto)
  rules?: PoolRulesDto;
}

export class ChangePoolDto {
  @ApiPropertyOptional({ type: PoolRulesDto, description: 'Only the rules given change.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PoolRulesDto)
  rules?: PoolRulesDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  adminIds?: string[];
}

export class PoolDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId: string | null;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) adminIds: string[];
  @ApiProperty({ type: PoolRulesDto }) rules: PoolRulesDto;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ description: 'You are a member (may claim from it).' }) member: boolean;
  @ApiProperty({ description: 'You may change its rules.' }) admin: boolean;
}

export class PoolPageDto {
  @ApiProperty({ type: [PoolDto] }) items: PoolDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class ScopeViewDto {
  @ApiProperty({ enum: SCOPE_MODES }) kind: string;
  @ApiPropertyOptional({ format: 'uuid' }) productLineId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) productId?: string;
}

export class HeldCustomerDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() grade: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ type: [ScopeViewDto] }) scopes: ScopeViewDto[];
  @ApiProperty({ format: 'date-time' }) since: string;
  @ApiProperty({ format: 'date-time' }) lastActivityAt: string;
  @ApiProperty({ format: 'date-time', description: 'Falls back into the pool then unless followed up.' }) recycleAt: string;
  @ApiProperty({ type: 'integer' }) daysUntilRecycle: number;
  @ApiProperty({ description: 'Kept from before a grade rule you would not pass today (POOL-3).' }) grandfathered: boolean;
}

export class HeldCustomerPageDto {
  @ApiProperty({ type: [HeldCustomerDto] }) items: HeldCustomerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ClaimableCustomerDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() grade: string;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ format: 'date-time' }) enteredPoolAt: string;
  @ApiProperty() partiallyProtected: boolean;
  @ApiProperty({ description: 'Reserved by a pending application [审批中].' }) reserved: boolean;
  @ApiProperty({ description: 'Your roles may claim it without approval.' }) canClaimDirectly: boolean;
}

export class ClaimableCustomerPageDto {
  @ApiProperty({ type: [ClaimableCustomerDto] }) items: ClaimableCustomerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ClaimableQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiPropertyOptional({ example: 'B' })
  @IsOptional()
  @IsString()
  @Length(1, 10)
  grade?: string;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ format: 'uuid' }) applicantId: string;
  @ApiProperty({ type: [ScopeViewDto] }) scopes: ScopeViewDto[];
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'recalled', 'expired'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvalRequestId: string | null;
  @ApiProperty({ format: 'date-time' }) reservedUntil: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationDto] }) items: ApplicationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected', 'recalled', 'expired'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected', 'recalled', 'expired'])
  status?: string;
}

export class RecyclePreviewItemDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() grade: string;
  @ApiProperty({ type: [String], format: 'uuid' }) holderIds: string[];
  @ApiProperty({ format: 'date-time' }) lastActivityAt: string;
  @ApiProperty({ format: 'date-time' }) dueSince: string;
}

export class RecyclePreviewDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ type: 'integer', description: 'How many would be recycled now.' }) total: number;
  @ApiProperty({ type: [RecyclePreviewItemDto] }) items: RecyclePreviewItemDto[];
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
