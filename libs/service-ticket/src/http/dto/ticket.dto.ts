import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import {
  ELIGIBILITY_POLICIES,
  RECORD_KINDS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type EligibilityPolicy,
  type RecordKind,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
} from '../../domain/ticket.types.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class FileTicketDto {
  @ApiProperty({ format: 'uuid', description: 'The customer [客户]; you must be able to see it.' })
  @IsUUID()
  customerId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The contact [联系人] who reported it; must work at the customer.' })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @ApiProperty({ format: 'uuid', description: 'Ticket type [工单类型], any level of the tree.' })
  @IsUUID()
  typeId: string;

  @ApiProperty({ example: '打印机无法开机', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: '客户反映设备通电后无反应，指示灯不亮。', maxLength: 10000, description: 'Description [问题描述].' })
  @IsString()
  @Length(1, 10000)
  description: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'normal', description: 'Urgency [紧急程度].' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiProperty({ enum: TICKET_CHANNELS, description: 'Where the request came in [来源渠道]: phone, web, e-mail, self-service, WeChat [微信].' })
  @IsIn(TICKET_CHANNELS)
  channel: TicketChannel;

  @ApiPropertyOptional({ format: 'uuid', description: 'The product [产品] concerned (checked against the catalogue; its warranty is checked).' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The order [订单] concerned.' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The contract [合同] concerned.' })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Handling team [处理小组], by hand (needs `ticket:assign`); otherwise the assignment rules route the ticket.',
  })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Handler [处理人], by hand (needs `ticket:assign`).' })
  @IsOptional()
  @IsUUID()
  handlerId?: string;
}

export class TicketListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ enum: TICKET_CHANNELS })
  @IsOptional()
  @IsIn(TICKET_CHANNELS)
  channel?: TicketChannel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  handlerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A type and its sub-types.' })
  @IsOptional()
  @IsUUID()
  typeId?: string;

  @ApiPropertyOptional({ type: Boolean, description: '`true`: tickets waiting in a team queue without a handler [待抢单].' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({
    enum: ['at-risk', 'breached'],
    description: '`at-risk` [SLA预警]: an SLA clock past its warning threshold, unmet and not breached; `breached` [SLA违约]: a breach was recorded.',
  })
  @IsOptional()
  @IsIn(['at-risk', 'breached'])
  sla?: 'at-risk' | 'breached';
}

export class TicketStatusChangeDto {
  @ApiProperty({
    enum: TICKET_STATUSES,
    description:
      'assigned → in-progress; in-progress ⇄ waiting-on-customer; in-progress / waiting-on-customer → resolved (with `resolution`); resolved → closed; resolved → in-progress reopens [重开] within the type’s window; any open status → cancelled (with `reason`). Anything else is 409 `TICKET.ILLEGAL_TRANSITION` with the current `currentStatus`.',
  })
  @IsIn(TICKET_STATUSES)
  to: TicketStatus;

  @ApiPropertyOptional({ maxLength: 10000, description: 'Resolution [解决方案]; required to resolve.' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  resolution?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why; required to cancel.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class TicketRecordInputDto {
  @ApiProperty({
    enum: RECORD_KINDS.filter((kind) => kind !== 'customer-reply'),
    description: '`internal-note` [内部备注] stays with staff; `public-reply` [回复客户] is seen by the customer.',
  })
  @IsIn(['internal-note', 'public-reply'])
  kind: RecordKind;

  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  body: string;
}

export class TicketAssignDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A team [小组]: its strategy picks the agent (or the ticket waits in its queue).' })
  @ValidateIf((body: TicketAssignDto) => body.handlerId === undefined || body.teamId !== undefined)
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An agent [处理人]; placed in their team unless `teamId` is given.' })
  @IsOptional()
  @IsUUID()
  handlerId?: string;
}

export class TicketTransferDto extends TicketAssignDto {
  @ApiProperty({ maxLength: 2000, description: 'Why [转派原因].' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class TicketEscalateDto {
  @ApiProperty({ maxLength: 2000, description: 'Why [升级原因].' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Whom to escalate to; by default the handler's manager [直属上级]." })
  @IsOptional()
  @IsUUID()
  toUserId?: string;
}

export class EligibilityOverrideInputDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the ticket is served anyway [特批原因].' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class TicketTypeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: [String], description: 'Ids from the top of the tree to this type.' }) path: string[];
  @ApiProperty({ type: 'integer', description: 'Level in the tree, 1 at the top.' }) depth: number;
  @ApiProperty({ example: '硬件故障' }) name: string;
  @ApiProperty({ enum: ELIGIBILITY_POLICIES }) eligibilityPolicy: EligibilityPolicy;
  @ApiProperty({ type: 'integer' }) reopenWindowDays: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class TicketTypePageDto {
  @ApiProperty({ type: [TicketTypeDto] }) items: TicketTypeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateTicketTypeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The parent type; none for a top-level type.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiProperty({ example: '硬件故障', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    enum: ELIGIBILITY_POLICIES,
    description:
      'When the customer is not entitled to service [该不该服务]: `refuse` (422 with the reasons), `accept-flagged` (filed, flagged, worked only after a supervisor’s override), `not-checked` (enquiries, complaints).',
  })
  @IsIn(ELIGIBILITY_POLICIES)
  eligibilityPolicy: EligibilityPolicy;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 365, description: 'Days after resolution the ticket may be reopened [重开期限].' })
  @IsInt()
  @Min(0)
  @Max(365)
  reopenWindowDays: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateTicketTypeDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ enum: ELIGIBILITY_POLICIES })
  @IsOptional()
  @IsIn(ELIGIBILITY_POLICIES)
  eligibilityPolicy?: EligibilityPolicy;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  reopenWindowDays?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
