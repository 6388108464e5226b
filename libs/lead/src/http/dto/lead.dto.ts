import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { ACTIVITY_KINDS, CALL_OUTCOMES, LEAD_STATUSES, type ActivityKind, type CallOutcome, type LeadStatus } from '../../domain/lead.types.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional and nullable: undefined leaves the field alone, null clears it. */
const Nullable = () => ValidateIf((_, value) => value !== null && value !== undefined);
const PHONE = /^[+\d][\d\s()-]{4,30}$/;

/** Activity kinds a caller records; `resubmission` is made by de-duplication. */
export const RECORDABLE_ACTIVITY_KINDS = ACTIVITY_KINDS.filter((kind) => kind !== 'resubmission');

/** Contact details and source of a lead; every field optional and nullable (PATCH clears with null). */
export class LeadProfileFields {
  @ApiPropertyOptional({ example: '张伟', maxLength: 100, nullable: true, type: String, description: 'Person [联系人姓名].' })
  @Nullable()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  personName?: string | null;

  @ApiPropertyOptional({
    example: '+86 138-0013-8000',
    nullable: true,
    type: String,
    description: 'Mobile [手机]; de-duplicated on its digits without +86, so `13800138000` and `+86 138-0013-8000` are one person.',
  })
  @Nullable()
  @Matches(PHONE, { message: 'mobile must be digits, spaces, dashes or parentheses' })
  @Transform(trim)
  mobile?: string | null;

  @ApiPropertyOptional({ example: 'zhang.wei@example.cn', nullable: true, type: String, description: 'E-mail [邮箱]; de-duplicated case-insensitively.' })
  @Nullable()
  @IsEmail()
  @MaxLength(200)
  @Transform(trim)
  email?: string | null;

  @ApiPropertyOptional({
    example: '杭州云栖科技有限公司',
    maxLength: 200,
    nullable: true,
    type: String,
    description: 'Company [公司名称]; matched against customers on its normalised name.',
  })
  @Nullable()
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  companyName?: string | null;

  @ApiPropertyOptional({ example: '采购经理', maxLength: 100, nullable: true, type: String, description: 'Job title [职位].' })
  @Nullable()
  @IsString()
  @MaxLength(100)
  title?: string | null;

  @ApiPropertyOptional({ example: '浙江', maxLength: 50, nullable: true, type: String, description: 'Province [省].' })
  @Nullable()
  @IsString()
  @MaxLength(50)
  province?: string | null;

  @ApiPropertyOptional({ example: '杭州', maxLength: 50, nullable: true, type: String, description: 'City [市].' })
  @Nullable()
  @IsString()
  @MaxLength(50)
  city?: string | null;

  @ApiPropertyOptional({ example: 'manufacturing', maxLength: 100, nullable: true, type: String, description: 'Industry [行业].' })
  @Nullable()
  @IsString()
  @MaxLength(100)
  industry?: string | null;

  @ApiPropertyOptional({ example: 'baidu-sem', maxLength: 100, nullable: true, type: String, description: 'Channel [渠道] it came through.' })
  @Nullable()
  @IsString()
  @MaxLength(100)
  channel?: string | null;

  @ApiPropertyOptional({ example: '2024-spring-expo', maxLength: 100, nullable: true, type: String, description: 'Campaign [活动].' })
  @Nullable()
  @IsString()
  @MaxLength(100)
  campaign?: string | null;

  @ApiPropertyOptional({ example: 'baidu', maxLength: 200, nullable: true, type: String, description: 'utm_source.' })
  @Nullable()
  @IsString()
  @MaxLength(200)
  utmSource?: string | null;

  @ApiPropertyOptional({ example: 'cpc', maxLength: 200, nullable: true, type: String, description: 'utm_medium.' })
  @Nullable()
  @IsString()
  @MaxLength(200)
  utmMedium?: string | null;

  @ApiPropertyOptional({ example: 'spring-sale', maxLength: 200, nullable: true, type: String, description: 'utm_campaign.' })
  @Nullable()
  @IsString()
  @MaxLength(200)
  utmCampaign?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String, description: 'Notes [备注].' })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class CaptureLeadDto extends LeadProfileFields {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Pool [线索池] to capture into: one you belong to or below it. Default: the master pool [市场部线索总池].',
  })
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Owner [负责人], an active user; default none (in the pool).' })
  @Nullable()
  @IsUUID()
  ownerId?: string | null;
}

export class UpdateLeadDto extends LeadProfileFields {}

export class PoolRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '市场部线索总池' }) name: string;
}

export class LeadPoolPlaceDto extends PoolRefDto {
  @ApiProperty({ type: [PoolRefDto], description: 'Top-level pool first, this pool last.' }) path: PoolRefDto[];
}

export class LastCallDto {
  @ApiProperty({ enum: CALL_OUTCOMES }) outcome: CallOutcome;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ContributionDto {
  @ApiProperty({ example: 'visited-mini-program' }) ruleId: string;
  @ApiProperty({ example: '最近7天访问过小程序' }) ruleName: string;
  @ApiProperty({ enum: ['attribute', 'behaviour', 'call-outcome'] }) kind: string;
  @ApiProperty({ type: 'integer', example: 10, description: 'Points this rule adds (negative: takes away).' }) points: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Behaviour rules: activities counted in the window.' }) count?: number;
  @ApiPropertyOptional({ description: 'Behaviour rules: the cap cut the points.' }) capped?: boolean;
}

export class LeadConversionDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opportunityId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class PendingConversionDto {
  @ApiProperty({ format: 'uuid', description: 'The customer the conversion created: in the pool [公海], reserved for the converter.' }) customerId: string;
  @ApiProperty({ format: 'uuid', description: 'The claim application [申领申请] for the converter (`GET /api/v1/pool/applications`).' })
  applicationId: string;
  @ApiProperty({ format: 'uuid', description: 'Its approval request [审批].' }) approvalRequestId: string;
  @ApiProperty({ format: 'date-time', description: 'The customer is reserved for the converter until then, unless decided before.' }) reservedUntil: string;
  @ApiProperty({ format: 'uuid', description: 'Who converted.' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ description: 'An opportunity [商机] will be opened with the approval.' }) withOpportunity: boolean;
}

export class LeadClosureDto {
  @ApiProperty({
    example: 'unreachable',
    description: 'The closure reason’s key [关闭原因] (`GET /api/v1/lead-closure-reasons`); seeded: invalid, duplicate, no-need, unreachable, other.',
  })
  reason: string;
  @ApiProperty({ example: '联系不上', description: 'Its current label.' }) reasonLabel: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'Who closed it.' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CloseLeadDto {
  @ApiProperty({
    example: 'unreachable',
    maxLength: 40,
    description:
      'Why the lead is given up [关闭原因]: the key of an active reason from `GET /api/v1/lead-closure-reasons` (seeded: invalid, duplicate, no-need, unreachable, other).',
  })
  @IsString()
  @Length(1, 40)
  reason: string;

  @ApiPropertyOptional({ example: '空号', maxLength: 500, description: 'A note; required for reasons with `noteRequired` (such as `other`).' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Transform(trim)
  note?: string;
}

export class ReopenLeadDto {
  @ApiPropertyOptional({ example: '客户重新来电咨询', maxLength: 500, description: 'Why it is opened again; kept in the history.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Transform(trim)
  note?: string;
}

export class LeadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LEAD_STATUSES }) status: LeadStatus;
  @ApiProperty({ nullable: true, type: String }) personName: string | null;
  @ApiProperty({ nullable: true, type: String }) mobile: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) companyName: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Channel [渠道].' }) channel: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Campaign [活动].' }) campaign: string | null;
  @ApiProperty({ nullable: true, type: String }) utmSource: string | null;
  @ApiProperty({ nullable: true, type: String }) utmMedium: string | null;
  @ApiProperty({ nullable: true, type: String }) utmCampaign: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: LeadPoolPlaceDto, description: 'The pool it is in [所在线索池], with its path.' }) pool: LeadPoolPlaceDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Owner [负责人]; null while unassigned in its pool.' })
  ownerId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) assignedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Last worked [最近跟进] (a call outcome).' })
  lastWorkedAt: string | null;
  @ApiProperty({ type: LastCallDto, nullable: true, description: 'Latest call-centre outcome [外呼结果].' }) lastCall: LastCallDto | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'An existing customer with the same company name or mobile [已是客户], found at capture.',
  })
  matchedCustomerId: string | null;
  @ApiProperty({ type: () => LeadConversionDto, nullable: true, description: 'What the lead became [转化结果]; null until converted.' })
  conversion: LeadConversionDto | null;
  @ApiProperty({
    type: () => PendingConversionDto,
    nullable: true,
    description:
      'A conversion waiting for an approver [转化待审批] (status `converting`): the new customer’s grade needs one before the converter holds it; the contact and opportunity follow the approval. Null otherwise.',
  })
  pendingConversion: PendingConversionDto | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The date it was first captured elsewhere [原始获取日期], from an import file’s `capturedAt` column; null otherwise.',
  })
  capturedAt: string | null;
  @ApiProperty({ type: () => LeadClosureDto, nullable: true, description: 'Why and when it was given up [关闭线索]; null unless closed.' })
  closure: LeadClosureDto | null;
  @ApiProperty({ type: 'integer', example: 35, description: 'Score [评分]: the sum of `contributions`.' }) score: number;
  @ApiProperty({ example: 'C', description: 'Grade [等级] from the score thresholds.' }) grade: string;
  @ApiProperty({ type: [String], description: 'Tags of behaviour rules that fire [自动标签].' }) tags: string[];
  @ApiProperty({ type: [ContributionDto], description: 'The rules that fire now and what each adds.' }) contributions: ContributionDto[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) scoredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When a behaviour window expires and the score is looked at again.' })
  nextRescoreAt: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'Version of the editable fields and the pool; the ETag is its quoted form (scores change without it).' })
  version: number;
}

export class PoolStayDto {
  @ApiProperty({ type: PoolRefDto }) pool: PoolRefDto;
  @ApiProperty({ type: [PoolRefDto] }) path: PoolRefDto[];
  @ApiProperty({ format: 'date-time' }) enteredAt: string;
  @ApiProperty({ description: 'User id, or `system`.' }) enteredBy: string;
  @ApiProperty({ nullable: true, type: String, example: '分配给华东市场组' }) reason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: the pool it is in now.' }) leftAt: string | null;
}

export class LeadDetailDto extends LeadDto {
  @ApiProperty({ type: [PoolStayDto], description: 'Every pool the lead has been in, oldest first [线索池轨迹].' }) poolHistory: PoolStayDto[];
}

export class CaptureResultDto {
  @ApiProperty({ description: 'True: the submission matched an open lead (same mobile or e-mail) and was merged into it as an activity [重复线索合并].' })
  merged: boolean;
  @ApiProperty({ format: 'uuid', description: 'The new lead, or the lead it merged into.' }) leadId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The activity a merged submission became.' }) activityId: string | null;
  @ApiProperty({ type: LeadDetailDto, nullable: true, description: 'The lead; null when it merged into a lead outside your pools and scope.' })
  lead: LeadDetailDto | null;
}

export class LeadPageDto {
  @ApiProperty({ type: [LeadDto] }) items: LeadDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class LeadListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Pool [线索池].' })
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: "With poolId: include the pool's sub-pools [含下级线索池]." })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeSubPools?: boolean;

  @ApiPropertyOptional({ enum: LEAD_STATUSES })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @ApiPropertyOptional({ example: 'A', description: 'Grade [等级].' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  grade?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner [负责人].' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ example: 'baidu-sem', description: 'Channel [渠道].' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  channel?: string;
}

export class RecordLeadActivityDto {
  @ApiProperty({
    enum: RECORDABLE_ACTIVITY_KINDS,
    description:
      'What happened: page view, mini-program visit [小程序], H5 micro-page opened, live stream watched [直播], form submitted [留资], e-mail opened, call-centre outcome [外呼结果].',
  })
  @IsIn(RECORDABLE_ACTIVITY_KINDS)
  kind: Exclude<ActivityKind, 'resubmission'>;

  @ApiProperty({ format: 'date-time', example: '2024-11-25T09:30:00+08:00', description: 'When it happened; not in the future.' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional({ enum: CALL_OUTCOMES, description: 'Call outcomes only, and required for them [外呼结果].' })
  @IsOptional()
  @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome;

  @ApiPropertyOptional({ example: 'wechat-mini-program', maxLength: 100, description: 'Channel [渠道] it came through.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  channel?: string;

  @ApiPropertyOptional({ example: '2024-spring-expo', maxLength: 100, description: 'Campaign [活动].' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  campaign?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { page: '/pricing', seconds: 95 }, description: 'Anything else about it.' })
  @IsOptional()
  @IsObject()
  detail?: Record<string, unknown>;
}

export class RecordedActivityDto {
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ type: 'integer', description: 'The score after this activity.' }) score: number;
  @ApiProperty() grade: string;
}

export class MoveLeadDto {
  @ApiProperty({ format: 'uuid', description: 'Target pool: one you reach, or a pool above the lead (back up the tree).' })
  @IsUUID()
  toPoolId: string;

  @ApiProperty({ example: '分配给华东市场组跟进', maxLength: 500, description: 'Why [流转原因]; kept in the lead history.' })
  @IsString()
  @Length(1, 500)
  @Transform(trim)
  reason: string;
}

export class AssignLeadDto {
  @ApiProperty({ format: 'uuid', description: "The new owner: an active member or admin of the lead's pool or a pool above it." })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({ example: '熟悉该行业', maxLength: 500, description: 'Why [分配原因]; kept in the lead history.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Transform(trim)
  reason?: string;
}

export class MoveResultDto {
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ format: 'uuid', description: 'The pool it is in now.' }) poolId: string;
  @ApiProperty({ type: 'integer', description: 'The new version (ETag).' }) version: number;
  @ApiProperty({ type: LeadDetailDto, nullable: true, description: 'The lead; null when the move took it out of your reach (up the tree, to another team).' })
  lead: LeadDetailDto | null;
}

export class ScoreChangeDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, description: 'User id, or `system`.' }) by: string | null;
  @ApiProperty({ enum: ['captured', 'updated', 'activity', 'merged', 'rules-changed', 'window-expired', 'reopened'] }) cause: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) activityId: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) fromScore: number | null;
  @ApiProperty({ type: 'integer' }) toScore: number;
  @ApiProperty({ nullable: true, type: String }) fromGrade: string | null;
  @ApiProperty() toGrade: string;
  @ApiProperty({ type: 'integer' }) rulesVersion: number;
  @ApiProperty({ type: [ContributionDto], description: 'Every rule that fired then; toScore is their sum.' }) contributions: ContributionDto[];
}

export class LeadScoreDto {
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ type: 'integer' }) score: number;
  @ApiProperty() grade: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'integer', description: 'Version of the rules the score was computed with.' }) rulesVersion: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) scoredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextRescoreAt: string | null;
  @ApiProperty({ type: [ContributionDto] }) contributions: ContributionDto[];
  @ApiProperty({ type: [ScoreChangeDto], description: 'Score changes, newest first (the latest 100; the history has all).' }) changes: ScoreChangeDto[];
}

class HistoryWhoDto {
  @ApiProperty({ description: 'User id, or `system`.' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

class HistoryWhereDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) poolId: string | null;
  @ApiProperty({ nullable: true, type: String }) poolName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Channel [渠道].' }) channel: string | null;
}

export class HistoryItemDto {
  @ApiProperty({ format: 'uuid', description: 'The event id.' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'When.' }) when: string;
  @ApiProperty({ type: HistoryWhoDto, description: 'Who.' }) who: HistoryWhoDto;
  @ApiProperty({
    enum: [
      'captured',
      'updated',
      'merged',
      'moved',
      'activity-recorded',
      'scored',
      'assigned',
      'recycled',
      'conversion-pending',
      'conversion-refused',
      'converted',
      'closed',
      'reopened',
    ],
    description: 'What.',
  })
  what: string;
  @ApiProperty({ type: HistoryWhereDto, description: 'Where: pool and channel.' }) where: HistoryWhereDto;
  @ApiProperty({ nullable: true, type: String, description: 'Why: the reason given, or the rules that fired.' }) why: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'How: manual, edit, de-duplication, move, activity kind, the re-score cause, auto / manual / claim, recycling, conversion, closure, reopening.',
  })
  how: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'How much: the score change.' }) howMuch: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryItemDto] }) items: HistoryItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
