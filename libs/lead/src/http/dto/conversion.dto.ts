import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Decimal string with up to 2 decimals, never a JSON number [金额]. */
export const MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CONTACT_ROLES = ['decision-maker', 'influencer', 'user', 'finance', 'other'] as const;

export class ConversionOpportunityDto {
  @ApiProperty({ example: '杭州某某制造 MES 项目', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  name: string;

  @ApiPropertyOptional({ example: '300000.00', description: 'Amount [商机金额], a decimal string.' })
  @IsOptional()
  @IsString()
  @Matches(MONEY_PATTERN)
  amount?: string;

  @ApiPropertyOptional({ example: '2026-12-31', format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  expectedCloseDate?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The default pipeline when absent.' })
  @IsOptional()
  @IsUUID()
  pipelineId?: string;
}

export class ConvertLeadDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Link this existing customer (one you work) instead of creating one.' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: "The new customer's name; the lead's company (or person) name by default." })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Transform(trim)
  customerName?: string;

  @ApiPropertyOptional({ enum: CONTACT_ROLES, default: 'other', description: "The contact's role at the customer [联系人角色]." })
  @IsOptional()
  @IsIn(CONTACT_ROLES)
  contactRole?: (typeof CONTACT_ROLES)[number];

  @ApiPropertyOptional({ type: ConversionOpportunityDto, description: 'Also open an opportunity [商机] whose source is this lead.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConversionOpportunityDto)
  opportunity?: ConversionOpportunityDto;
}

class ConversionApprovalDto {
  @ApiProperty({ format: 'uuid', description: 'The claim application [申领申请] opened for you.' }) applicationId: string;
  @ApiProperty({ format: 'uuid', description: 'Its approval request [审批].' }) approvalRequestId: string;
  @ApiProperty({ format: 'date-time', description: 'The customer is reserved for you until then, unless decided before.' }) reservedUntil: string;
}

export class ConversionResultDto {
  @ApiProperty({
    enum: ['converted', 'pending-approval'],
    description:
      '`converted` [已转化]; `pending-approval` [转化待审批]: the new customer’s grade needs an approver before you hold it: it waits in the pool, reserved for you, and the contact and opportunity are created when the application is approved (the lead is `converting` until then, and open again if it is not).',
  })
  status: 'converted' | 'pending-approval';
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ description: 'False when an existing customer was linked.' }) customerCreated: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null while the conversion waits for approval.' }) contactId: string | null;
  @ApiProperty({ description: 'False when the existing person was linked.' }) contactCreated: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opportunityId: string | null;
  @ApiProperty({ format: 'uuid', description: 'The pool the conversion happened in (performance attribution).' }) poolId: string;
  @ApiProperty({ type: ConversionApprovalDto, nullable: true, description: 'What the conversion waits for; null once converted.' })
  approval: ConversionApprovalDto | null;
}
