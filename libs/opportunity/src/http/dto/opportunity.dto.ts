import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { MONEY_PATTERN, PERCENT_PATTERN, QUANTITY_PATTERN } from '../../domain/money.js';
import {
  ACTIVITY_TYPES,
  COLLABORATOR_ACCESS,
  FORECAST_CATEGORIES,
  OPPORTUNITY_STATUSES,
  OPPORTUNITY_TYPES,
  SOURCE_KINDS,
  STAGE_OUTCOMES,
  THREAT_LEVELS,
  type ActivityType,
  type CollaboratorAccess,
  type ForecastCategory,
  type OpportunityStatus,
  type OpportunityType,
  type SourceKind,
  type StageOutcome,
  type ThreatLevel,
} from '../../domain/opportunity.types.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional and nullable: undefined leaves the field alone, null clears it. */
const Nullable = () => ValidateIf((_, value) => value !== null && value !== undefined);
const MONEY_DESCRIPTION = 'Decimal string with up to 2 decimals, never a JSON number [金额].';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class ProductLineInputDto {
  @ApiProperty({ format: 'uuid', description: 'A product of the catalogue [产品].' })
  @IsUUID()
  productId: string;

  @ApiProperty({ example: '3', description: 'Positive decimal string, up to 4 decimals.' })
  @IsString()
  @Matches(QUANTITY_PATTERN)
  quantity: string;

  @ApiProperty({ example: '33.33', description: `Unit price [单价]. ${MONEY_DESCRIPTION}` })
  @IsString()
  @Matches(MONEY_PATTERN)
  unitPrice: string;

  @ApiPropertyOptional({ example: '10', default: '0', description: 'Discount percent [折扣] 0..100, up to 2 decimals.' })
  @IsOptional()
  @IsString()
  @Matches(PERCENT_PATTERN)
  discountPercent?: string;
}

export class CompetitorDto {
  @ApiProperty({ example: '某某软件', maxLength: 200, description: 'The competing company [竞争对手]; one entry per company.' })
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  company: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String, description: 'Their product.' })
  @Nullable()
  @IsString()
  @MaxLength(200)
  product?: string | null;

  @ApiPropertyOptional({ example: '450000.00', nullable: true, type: String, description: `Their price, in the opportunity's currency. ${MONEY_DESCRIPTION}` })
  @Nullable()
  @IsString()
  @Matches(MONEY_PATTERN)
  price?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String, description: 'Strengths [优势].' })
  @Nullable()
  @IsString()
  @MaxLength(1000)
  strengths?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String, description: 'Weaknesses [劣势].' })
  @Nullable()
  @IsString()
  @MaxLength(1000)
  weaknesses?: string | null;

  @ApiProperty({ enum: THREAT_LEVELS, description: 'Threat level [威胁程度].' })
  @IsIn(THREAT_LEVELS)
  threat: ThreatLevel;
}

export class SourceDto {
  @ApiProperty({ enum: SOURCE_KINDS, description: '`manual`, or `lead` [线索] with its id.' })
  @IsIn(SOURCE_KINDS)
  kind: SourceKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required with `lead`, absent otherwise.' })
  @ValidateIf((source: SourceDto) => source.kind === 'lead' || source.leadId !== undefined)
  @IsUUID()
  leadId?: string;
}

class OpportunityFieldsDto {
  @ApiPropertyOptional({ example: 'CNY', default: 'CNY', description: 'ISO 4217 currency [币种].' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string;

  @ApiPropertyOptional({
    description: 'When true the amount is the exact sum of the product lines (computed, not sent); false lets you set it by hand.',
  })
  @IsOptional()
  @IsBoolean()
  amountFollowsLines?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Contacts [联系人] involved: decision makers, influencers…' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contactIds?: string[];

  @ApiPropertyOptional({ type: [ProductLineInputDto], description: 'Intended products [意向产品]: the whole list, one line per product.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProductLineInputDto)
  products?: ProductLineInputDto[];

  @ApiPropertyOptional({ type: [CompetitorDto], description: 'Competitors [竞争对手]: the whole list.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CompetitorDto)
  competitors?: CompetitorDto[];
}

export class CreateOpportunityDto extends OpportunityFieldsDto {
  @ApiProperty({ format: 'uuid', description: 'A customer [客户] you work (held within your scope); otherwise as if it did not exist.' })
  @IsUUID()
  customerId: string;

  @ApiProperty({ example: '2026 年度 ERP 采购', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Pipeline [销售流程]; the default one when omitted. It starts in the first stage.' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;

  @ApiPropertyOptional({ enum: OPPORTUNITY_TYPES, default: 'new', description: '`renewal` [续费] and `upsell` [增购] follow a won opportunity.' })
  @IsOptional()
  @IsIn(OPPORTUNITY_TYPES)
  type?: OpportunityType;

  @ApiPropertyOptional({ format: 'uuid', description: 'With renewal and upsell: a won opportunity of the same customer.' })
  @IsOptional()
  @IsUUID()
  previousOpportunityId?: string;

  @ApiPropertyOptional({ example: '500000.00', description: `Amount [商机金额]. ${MONEY_DESCRIPTION}` })
  @IsOptional()
  @IsString()
  @Matches(MONEY_PATTERN)
  amount?: string;

  @ApiPropertyOptional({ example: '2026-12-31', format: 'date', description: 'Expected close date [预计成交日期].' })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  expectedCloseDate?: string;

  @ApiPropertyOptional({ type: SourceDto, description: 'Where it came from; `manual` when omitted.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner; you when omitted, else an active user within your scope who works the customer.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

export class UpdateOpportunityDto extends OpportunityFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  name?: string;

  @ApiPropertyOptional({ example: '480000.00', nullable: true, type: String, description: `${MONEY_DESCRIPTION} Not while it follows the lines.` })
  @Nullable()
  @IsString()
  @Matches(MONEY_PATTERN)
  amount?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', format: 'date', nullable: true, type: String })
  @Nullable()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  expectedCloseDate?: string | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    nullable: true,
    type: 'integer',
    description: "The owner's override of the stage's win probability [赢率], with `probabilityReason`; null follows the stage again.",
  })
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number | null;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why the probability differs from the stage.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  probabilityReason?: string;
}

export class OpportunityListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stageId?: string;
  @ApiPropertyOptional({ enum: OPPORTUNITY_STATUSES, description: '`open` [跟进中], `won` [赢单] or `lost` [输单].' })
  @IsOptional()
  @IsIn(OPPORTUNITY_STATUSES)
  status?: OpportunityStatus;
}

export class OpportunityProductLineDto {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid', description: 'Its product line [条线].' }) productLineId: string;
  @ApiProperty({ example: '3' }) quantity: string;
  @ApiProperty({ example: '33.33' }) unitPrice: string;
  @ApiProperty({ example: '10.00' }) discountPercent: string;
  @ApiProperty({ example: '89.99', description: 'quantity × unit price × (1 − discount), rounded half up to the cent.' }) amount: string;
}

export class CompetitorViewDto {
  @ApiProperty() company: string;
  @ApiProperty({ nullable: true, type: String }) product: string | null;
  @ApiProperty({ nullable: true, type: String }) price: string | null;
  @ApiProperty({ nullable: true, type: String }) strengths: string | null;
  @ApiProperty({ nullable: true, type: String }) weaknesses: string | null;
  @ApiProperty({ enum: THREAT_LEVELS }) threat: ThreatLevel;
}

export class CollaboratorViewDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: COLLABORATOR_ACCESS }) access: CollaboratorAccess;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ description: 'Access has ended (kept for the record).' }) expired: boolean;
  @ApiProperty({ format: 'uuid' }) addedBy: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

class StageRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '方案报价' }) name: string;
  @ApiProperty({ enum: STAGE_OUTCOMES }) outcome: StageOutcome;
  @ApiProperty({ enum: FORECAST_CATEGORIES }) forecastCategory: ForecastCategory;
}

class CustomerRefDto {
  @ApiProperty() name: string;
  @ApiProperty({ example: 'enterprise' }) kind: string;
  @ApiProperty({ example: 'B' }) grade: string;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
}

class SourceViewDto {
  @ApiProperty({ enum: SOURCE_KINDS }) kind: SourceKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leadId: string | null;
}

class LossReasonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class OpportunityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: CustomerRefDto, nullable: true, description: "The customer's name and classification (no contact details), for collaborators too." })
  customer: CustomerRefDto | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OPPORTUNITY_TYPES }) type: OpportunityType;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) previousOpportunityId: string | null;
  @ApiProperty({ format: 'uuid' }) pipelineId: string;
  @ApiProperty({ type: StageRefDto, description: 'Current stage [销售阶段].' }) stage: StageRefDto;
  @ApiProperty({ enum: OPPORTUNITY_STATUSES, description: 'Follow-up status [跟进状态] lives on the opportunity.' }) status: OpportunityStatus;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: "Win probability [赢率]: the stage's, or the owner's override." }) probability: number;
  @ApiProperty() probabilityOverridden: boolean;
  @ApiProperty({ nullable: true, type: String }) probabilityReason: string | null;
  @ApiProperty({ nullable: true, type: String, example: '99.99' }) amount: string | null;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty() amountFollowsLines: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String }) expectedCloseDate: string | null;
  @ApiProperty({ type: SourceViewDto }) source: SourceViewDto;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) contactIds: string[];
  @ApiProperty({ type: [OpportunityProductLineDto], description: 'Intended products [意向产品].' }) products: OpportunityProductLineDto[];
  @ApiProperty({ type: [CompetitorViewDto], description: 'Competitors [竞争对手].' }) competitors: CompetitorViewDto[];
  @ApiProperty({ type: [CollaboratorViewDto], description: 'Collaborators [协作人].' }) collaborators: CollaboratorViewDto[];
  @ApiProperty({ type: LossReasonRefDto, nullable: true, description: 'Loss reason [输单原因] once lost.' }) lossReason: LossReasonRefDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'The competitor who won it.' }) lostTo: string | null;
  @ApiProperty({ format: 'date-time' }) stageEnteredAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) wonAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lostAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Latest visit or other activity [最近拜访].' }) lastActivityAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class OpportunityPageDto {
  @ApiProperty({ type: [OpportunityDto] }) items: OpportunityDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StageChangeInputDto {
  @ApiProperty({ format: 'uuid', description: "A stage of the opportunity's pipeline [销售阶段]." })
  @IsUUID()
  toStageId: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: "The owner's override of the new stage's win probability [赢率]; needs `probabilityReason`.",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  probabilityReason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required when moving to the lost stage [输单]: a loss reason [输单原因] (GET /api/v1/loss-reasons).' })
  @IsOptional()
  @IsUUID()
  lossReasonId?: string;

  @ApiPropertyOptional({ maxLength: 200, example: '某某软件', description: 'When losing: the competitor who won it [竞争对手].' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  lostTo?: string;
}

class StageNameDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class StageChangeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: StageNameDto, nullable: true, description: 'Null for the entry made when the opportunity was opened.' }) fromStage: StageNameDto | null;
  @ApiProperty({ type: StageNameDto }) toStage: StageNameDto;
  @ApiProperty({ type: 'integer' }) probability: number;
  @ApiProperty({ nullable: true, type: String }) probabilityReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The amount at the time.' }) amount: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
  @ApiProperty({ format: 'uuid' }) changedBy: string;
  @ApiProperty({ nullable: true, type: 'integer', description: 'Whole seconds spent in the stage it left [停留时长].' }) secondsInPreviousStage: number | null;
  @ApiProperty({ enum: ['created', 'manual', 'pipeline-edited'] }) cause: string;
}

export class StageChangePageDto {
  @ApiProperty({ type: [StageChangeDto] }) items: StageChangeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RecordOpportunityActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES, description: 'Call [电话], visit [拜访], meeting [会议] or demo [演示].' })
  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; defaults to now. Not in the future.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiProperty({ example: '与客户 IT 总监演示了方案，对报表模块很感兴趣', maxLength: 2000, description: 'What happened [拜访纪要].' })
  @IsString()
  @Length(1, 2000)
  @Transform(trim)
  summary: string;

  @ApiPropertyOptional({ example: '下周提交正式报价', maxLength: 500, nullable: true, type: String, description: 'Next step [下一步].' })
  @Nullable()
  @IsString()
  @MaxLength(500)
  nextStep?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Contacts met [联系人].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contactIds?: string[];
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) opportunityId: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: ActivityType;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: String }) nextStep: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) contactIds: string[];
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ format: 'uuid', description: 'The follow-up [跟进] it also counts as on the customer.' }) followUpId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TransferOpportunityDto {
  @ApiProperty({ format: 'uuid', description: 'The new owner: an active user within your data scope who works the customer.' })
  @IsUUID()
  toUserId: string;

  @ApiProperty({ example: '离职交接', maxLength: 1000, description: 'Why [转派原因].' })
  @IsString()
  @Length(1, 1000)
  @Transform(trim)
  reason: string;
}

export class OpportunityTransferDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fromUserId: string;
  @ApiProperty({ format: 'uuid' }) toUserId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) transferredBy: string;
  @ApiProperty({ format: 'date-time' }) transferredAt: string;
}

export class TransferPageDto {
  @ApiProperty({ type: [OpportunityTransferDto] }) items: OpportunityTransferDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AddCollaboratorDto {
  @ApiProperty({ format: 'uuid', description: 'An active colleague other than the owner (pre-sales, delivery, another region…).' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: COLLABORATOR_ACCESS, description: '`read`: sees the opportunity; `edit`: also changes it, moves its stages and records visits.' })
  @IsIn(COLLABORATOR_ACCESS)
  access: CollaboratorAccess;

  @ApiPropertyOptional({ format: 'date-time', description: 'Access ends at this moment [到期自动失效]; none when omitted.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class CollaboratorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: COLLABORATOR_ACCESS }) access: CollaboratorAccess;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ format: 'uuid' }) addedBy: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}
