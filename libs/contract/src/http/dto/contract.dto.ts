import { INSTALMENT_STATUSES, type InstalmentStatus } from '../../domain/instalment-collection.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
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
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  PAYMENT_METHODS,
  VERSION_STATUSES,
  type ContractStatus,
  type ContractType,
  type PaymentMethod,
  type VersionStatus,
} from '../../domain/contract.types.js';
import { MONEY_PATTERN, QUANTITY_PATTERN } from '../../domain/money.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional and nullable: undefined leaves the field alone, null clears it. */
const Nullable = () => ValidateIf((_, value) => value !== null && value !== undefined);
const MONEY = 'Decimal string with up to 2 decimals, never a JSON number [金额].';
const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CURRENCY = /^[A-Z]{3}$/;
const TYPE_DESCRIPTION = '`standard` [标准合同], `framework` [框架合同: executed in batches of orders], `renewal` [续约合同], `supplementary` [补充协议].';
const METHOD_DESCRIPTION =
  'Payment method [付款方式]: `bank-transfer` [银行转账], `cash` [现金], `cheque` [支票], `acceptance-bill` [承兑汇票], `online` [在线支付], `other`.';

export class InstalmentInputDto {
  @ApiProperty({ example: '2026-12-31', description: 'Due date [回款日期], YYYY-MM-DD.' })
  @IsString()
  @Matches(DATE_ONLY)
  dueDate: string;

  @ApiProperty({ example: '33.33', description: `Amount of the instalment [计划回款金额]. ${MONEY}` })
  @IsString()
  @Matches(MONEY_PATTERN)
  amount: string;

  @ApiPropertyOptional({ maxLength: 200, example: '首付款', description: 'What the instalment is for [期次说明].' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

/** The terms every edit and change may touch (type and signing party aside); all optional here. */
class ContractTermsInputDto {
  @ApiPropertyOptional({ maxLength: 200, example: '2026 年度软件采购合同', description: 'Contract name [合同名称].' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '99.99', description: `Contract amount [合同金额]. ${MONEY}` })
  @IsOptional()
  @IsString()
  @Matches(MONEY_PATTERN)
  amount?: string;

  @ApiPropertyOptional({ example: 'CNY', description: 'ISO 4217 currency [币种].' })
  @IsOptional()
  @IsString()
  @Matches(CURRENCY)
  currency?: string;

  @ApiPropertyOptional({ example: '3', nullable: true, type: String, description: 'Quantity [数量]: positive decimal string, up to 4 decimals.' })
  @IsOptional()
  @Nullable()
  @IsString()
  @Matches(QUANTITY_PATTERN)
  quantity?: string | null;

  @ApiPropertyOptional({ enum: PAYMENT_METHODS, nullable: true, description: METHOD_DESCRIPTION })
  @IsOptional()
  @Nullable()
  @IsIn(PAYMENT_METHODS)
  paymentMethod?: PaymentMethod | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true, type: String, description: 'Start date [开始日期], YYYY-MM-DD.' })
  @IsOptional()
  @Nullable()
  @IsString()
  @Matches(DATE_ONLY)
  startDate?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, type: String, description: 'End date [结束日期], YYYY-MM-DD.' })
  @IsOptional()
  @Nullable()
  @IsString()
  @Matches(DATE_ONLY)
  endDate?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Products the contract covers [合同产品范围]; service eligibility asks about them.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  productIds?: string[];

  @ApiPropertyOptional({
    type: [InstalmentInputDto],
    description:
      'Payment plan [回款计划]: instalments whose amounts sum exactly to the contract amount (422 `CONTRACT.PLAN_MISMATCH` otherwise); replaces the whole plan.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => InstalmentInputDto)
  instalments?: InstalmentInputDto[];
}

export class CreateContractDto extends ContractTermsInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Customer [客户] you work; may be left out when `opportunityId` names a won opportunity.' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The won opportunity [赢单商机] the contract starts from: customer, name, amount, currency and products default to it.',
  })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  @ApiProperty({ enum: CONTRACT_TYPES, description: `Contract type [合同类型]: ${TYPE_DESCRIPTION}` })
  @IsIn(CONTRACT_TYPES)
  type: ContractType;

  @ApiProperty({ maxLength: 200, example: '上海某某科技有限公司', description: 'Our company entity that signs [签约主体].' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  signingParty: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner [负责人]: you when left out, else an active user within your data scope.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

export class UpdateContractDto extends ContractTermsInputDto {
  @ApiPropertyOptional({ enum: CONTRACT_TYPES, description: `Contract type [合同类型]: ${TYPE_DESCRIPTION}` })
  @IsOptional()
  @IsIn(CONTRACT_TYPES)
  type?: ContractType;

  @ApiPropertyOptional({ maxLength: 200, example: '上海某某科技有限公司', description: 'Our company entity that signs [签约主体].' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  signingParty?: string;
}

export class AmendContractDto extends UpdateContractDto {
  @ApiProperty({ maxLength: 500, example: '客户追加采购数量', description: 'Why the contract changes [变更原因].' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 500, example: '客户要求暂停交付', description: 'Reason [原因].' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ContractListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES, description: 'Status [合同状态].' }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;
  @ApiPropertyOptional({ enum: CONTRACT_TYPES }) @IsOptional() @IsIn(CONTRACT_TYPES) type?: ContractType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() opportunityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Contracts ending on or before this date [即将到期].' })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY)
  endingBefore?: string;
}

export class InstalmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'Position in the plan, by due date [期次].' }) seq: number;
  @ApiProperty({ example: '2026-12-31' }) dueDate: string;
  @ApiProperty({ example: '33.33' }) amount: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({
    example: '10.00',
    description: "Collected against this instalment: payments on the contract's orders allocate to its instalments earliest due first [按到期顺序核销].",
  })
  paid: string;
  @ApiProperty({
    enum: INSTALMENT_STATUSES,
    description:
      '`pending` [待回款], `partially-paid` [部分回款], `paid` [已回款], `overdue` [逾期] (not fully paid after its due date, contract approved, executing or suspended), `voided` with the contract [随合同作废], `superseded` by a change.',
  })
  status: InstalmentStatus;
}

export class ContractDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HT202611-0001', description: 'Contract number [合同编号] from the configured pattern.' }) number: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CONTRACT_TYPES }) type: ContractType;
  @ApiProperty({ description: 'Signing party [签约主体].' }) signingParty: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opportunityId: string | null;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({
    enum: CONTRACT_STATUSES,
    description:
      '`draft` [草稿], `in-approval` [审批中], `approved` [已审批], `executing` [执行中], `suspended` [已暂停], `completed` [已完成], `voided` [已作废], `archived` [已归档].',
  })
  status: ContractStatus;
  @ApiProperty({ example: '99.99' }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ nullable: true, type: String }) quantity: string | null;
  @ApiProperty({ enum: PAYMENT_METHODS, nullable: true }) paymentMethod: PaymentMethod | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-01-01' }) startDate: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31' }) endDate: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) productIds: string[];
  @ApiProperty({ type: [InstalmentDto], description: 'Payment plan [回款计划] of the current version.' }) instalments: InstalmentDto[];
  @ApiProperty({ type: 'integer', description: 'The version of the terms in force [当前版本].' }) currentVersion: number;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The approval request [审批单] deciding the contract or its change; recall it with POST /api/v1/approvals/{id}/recall.',
  })
  approvalRequestId: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'The change [合同变更] in approval, if any.' }) pendingVersion: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was voided [作废原因].' }) voidReason: string | null;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'Also the ETag.' }) version: number;
}

export class ContractPageDto {
  @ApiProperty({ type: [ContractDto] }) items: ContractDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

class ContractTermsDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: CONTRACT_TYPES }) type: ContractType;
  @ApiProperty() signingParty: string;
  @ApiProperty({ example: '99.99' }) amount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: String }) quantity: string | null;
  @ApiProperty({ enum: PAYMENT_METHODS, nullable: true }) paymentMethod: PaymentMethod | null;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) productIds: string[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '`{ seq, dueDate, amount, note }` per instalment.' }) instalments: object[];
}

export class ContractVersionDto {
  @ApiProperty({ type: 'integer', example: 2 }) versionNo: number;
  @ApiProperty({
    enum: VERSION_STATUSES,
    description:
      '`draft`, `in-approval`, `current` [当前版本], `superseded` [已被取代], `rejected` [已驳回], `recalled` [已撤回], `withdrawn` (the contract was voided while it waited).',
  })
  status: VersionStatus;
  @ApiProperty({ type: ContractTermsDto }) terms: ContractTermsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    description: 'Diff [变更内容]: before (`from`) and after (`to`) of each term this version changed.',
  })
  changes: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty({ nullable: true, type: String, description: 'Why it changed [变更原因]; null for the first version.' }) reason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvalRequestId: string | null;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
}

export class ContractVersionPageDto {
  @ApiProperty({ type: [ContractVersionDto] }) items: ContractVersionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: '合同扫描件.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex.' }) sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiProperty({ example: '/api/v1/contracts/…/attachments/…/content' }) contentUrl: string;
}

export class AttachmentPageDto {
  @ApiProperty({ type: [AttachmentDto] }) items: AttachmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ContractSettingsDto {
  @ApiProperty({
    example: 'HT{yyyy}{MM}-{seq:4}',
    description:
      'Contract number pattern [合同编号规则]: {yyyy} {yy} {MM} {dd} (company time zone) and one {seq:n}, a counter restarting when the rest changes.',
  })
  numberPattern: string;
  @ApiProperty({ type: 'integer', example: 30, description: 'Contracts ending within this many days are reminded [合同到期提醒].' }) endingReminderDays: number;
  @ApiProperty({ type: 'integer', example: 7, description: 'Instalments due within this many days are reminded [回款提醒].' }) instalmentReminderDays: number;
  @ApiProperty({ type: 'integer', description: 'Also the ETag.' }) version: number;
}

export class UpdateContractSettingsDto {
  @ApiPropertyOptional({
    example: 'HT{yyyy}{MM}-{seq:4}',
    description: 'Letters, digits, - _ / . and the tokens; 400 `CONTRACT.INVALID_NUMBER_PATTERN` otherwise.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  numberPattern?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 365 }) @IsOptional() @IsInt() @Min(1) @Max(365) endingReminderDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365 }) @IsOptional() @IsInt() @Min(0) @Max(365) instalmentReminderDays?: number;
}
