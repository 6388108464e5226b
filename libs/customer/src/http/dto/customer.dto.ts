import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import {
  CUSTOMER_KINDS,
  CUSTOMER_SIZES,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  type CustomerKind,
  type CustomerSize,
  type CustomerStatus,
  type CustomerType,
} from '../../domain/customer.types.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional and nullable: undefined leaves the field alone, null clears it. */
const Nullable = () => ValidateIf((_, value) => value !== null && value !== undefined);

class CustomerProfileFields {
  @ApiPropertyOptional({ example: '云栖', maxLength: 100, nullable: true, type: String, description: 'Short name [简称].' })
  @Nullable()
  @IsString()
  @MaxLength(100)
  @Transform(trim)
  shortName?: string | null;

  @ApiPropertyOptional({ example: 'software', maxLength: 100, nullable: true, type: String, description: 'Industry [行业].' })
  @Nullable()
  @IsString()
  @MaxLength(100)
  industry?: string | null;

  @ApiPropertyOptional({
    example: '91350100M000100Y43',
    nullable: true,
    type: String,
    description: 'Unified social credit code [统一社会信用代码], enterprises only; check digit verified.',
  })
  @Nullable()
  @IsString()
  @Length(18, 18)
  creditCode?: string | null;

  @ApiPropertyOptional({ example: '浙江', nullable: true, type: String, description: 'Province [省].' })
  @Nullable()
  @IsString()
  @MaxLength(50)
  province?: string | null;

  @ApiPropertyOptional({ example: '杭州', nullable: true, type: String, description: 'City [市].' })
  @Nullable()
  @IsString()
  @MaxLength(50)
  city?: string | null;

  @ApiPropertyOptional({ enum: CUSTOMER_SIZES, nullable: true, description: 'Enterprise size [规模]; with type it decides the grade.' })
  @Nullable()
  @IsIn(CUSTOMER_SIZES)
  size?: CustomerSize | null;

  @ApiPropertyOptional({ example: '0571-88886666', nullable: true, type: String, description: 'Phone [电话].' })
  @Nullable()
  @Matches(/^[+\d][\d\s()-]{4,30}$/, { message: 'phone must be digits, spaces, dashes or parentheses' })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'info@yunqi.example', nullable: true, type: String })
  @Nullable()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ example: 'https://yunqi.example', nullable: true, type: String, description: 'Website [网址].' })
  @Nullable()
  @Matches(/^https?:\/\/\S{3,200}$/, { message: 'website must be an http(s) URL' })
  website?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Parent customer [上级客户], enterprises only.' })
  @Nullable()
  @IsUUID()
  parentId?: string | null;
}

export class CreateCustomerDto extends CustomerProfileFields {
  @ApiPropertyOptional({ example: 'CN', description: 'ISO 3166-1 alpha-2 country [国家].', default: 'CN' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/)
  country?: string;

  @ApiProperty({ enum: CUSTOMER_KINDS, description: 'Enterprise [企业] or individual [个人] customer.' })
  @IsIn(CUSTOMER_KINDS)
  kind: CustomerKind;

  @ApiProperty({ example: '杭州云栖科技有限公司', maxLength: 200, description: 'Registered or personal name [名称].' })
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  name: string;

  @ApiPropertyOptional({
    enum: CUSTOMER_TYPES,
    description: 'Customer type [客户类型]. Defaults to `individual` for individuals, `other` for enterprises.',
  })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  type?: CustomerType;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Owner [负责人]. Omit: you. null: straight into the public pool [公海]. Another user: must be in your data scope.',
  })
  @Nullable()
  @IsUUID()
  ownerId?: string | null;
}

export class UpdateCustomerDto extends CustomerProfileFields {
  @ApiPropertyOptional({ example: 'CN', description: 'ISO 3166-1 alpha-2 country [国家]; cannot be cleared.' })
  @ValidateIf((_, value) => value !== undefined)
  @Matches(/^[A-Za-z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  name?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(CUSTOMER_TYPES)
  type?: CustomerType;
}

export class PipelineAmountDto {
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: '150000.00', description: 'Decimal string.' }) amount: string;
}

export class CustomerOpportunitiesDto {
  @ApiProperty({ description: 'Won at least once [成交客户]; a renewal or a later loss never turns it back.' }) everWon: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the latest opportunity was won [最近赢单].' })
  lastWonAt: string | null;
  @ApiProperty({ type: 'integer', description: 'Open opportunities [进行中的商机].' }) openCount: number;
  @ApiProperty({ type: [PipelineAmountDto], description: 'Open pipeline amount [商机金额] per currency.' }) openAmounts: PipelineAmountDto[];
}

export class CustomerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CUSTOMER_KINDS }) kind: CustomerKind;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) shortName: string | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String, description: '统一社会信用代码' }) creditCode: string | null;
  @ApiProperty({ example: 'CN' }) country: string;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ enum: CUSTOMER_SIZES, nullable: true }) size: CustomerSize | null;
  @ApiProperty({ enum: CUSTOMER_TYPES }) type: CustomerType;
  @ApiProperty({ example: 'B', description: 'Grade [客户等级], derived from type and size by the grade rules.' }) grade: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Owner; null while in the public pool.' })
  ownerId: string | null;
  @ApiProperty({ enum: CUSTOMER_STATUSES, description: '`in-pool` [公海] or `protected` [保护].' }) status: CustomerStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Last follow-up [最近跟进]; drives recycling.' })
  lastFollowUpAt: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Holders of a product line or products [条线协作], besides the owner.' }) coHolderIds: string[];
  @ApiProperty({ type: CustomerOpportunitiesDto, description: 'Derived from its opportunities [商机].' }) opportunities: CustomerOpportunitiesDto;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'Version; the ETag is its quoted form.' }) version: number;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerDto] }) items: CustomerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CustomerListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Owner [负责人].' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES })
  @IsOptional()
  @IsIn(CUSTOMER_STATUSES)
  status?: CustomerStatus;

  @ApiPropertyOptional({ enum: CUSTOMER_KINDS })
  @IsOptional()
  @IsIn(CUSTOMER_KINDS)
  kind?: CustomerKind;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  type?: CustomerType;

  @ApiPropertyOptional({ enum: CUSTOMER_SIZES })
  @IsOptional()
  @IsIn(CUSTOMER_SIZES)
  size?: CustomerSize;

  @ApiPropertyOptional({ example: 'A' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  grade?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  industry?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  province?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  city?: string;

  @ApiPropertyOptional({ description: 'Text in the name or short name [名称搜索].', example: '云栖' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class DuplicateProbeDto {
  @ApiProperty({ enum: CUSTOMER_KINDS })
  @IsIn(CUSTOMER_KINDS)
  kind: CustomerKind;

  @ApiPropertyOptional({ description: 'Name as the user typed it; similar names are suggested (3+ characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(18, 18)
  creditCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[+\d][\d\s()-]{4,30}$/)
  phone?: string;
}

export class DuplicateCandidateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['credit-code', 'name', 'phone', 'similar-name'] }) matchedOn: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) similarity: number;
  @ApiProperty({ enum: ['you', 'someone-else', 'nobody'], description: '`nobody`: it is in the public pool and can be claimed.' })
  heldBy: string;
}

export class DuplicateCandidatePageDto {
  @ApiProperty({ type: [DuplicateCandidateDto], description: 'At most 10, exact matches first.' }) items: DuplicateCandidateDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class CustomerHoldingDto {
  @ApiProperty({
    enum: ['held', 'pending-approval', 'not-held'],
    description:
      '`held` [保护中]; `pending-approval`: in the pool, reserved for the owner asked for until an approver decides [待审批]; `not-held`: in the pool [公海].',
  })
  status: 'held' | 'pending-approval' | 'not-held';
  @ApiPropertyOptional({ format: 'uuid' }) applicationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) approvalRequestId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) reservedUntil?: string;
}

export class CreatedCustomerDto extends CustomerDto {
  @ApiProperty({ type: CustomerHoldingDto }) holding: CustomerHoldingDto;
}
