import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ELIGIBILITY_POLICIES, RECORD_KINDS, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/ticket.types.js';

class TicketActorRefDto {
  @ApiProperty({ enum: ['user', 'contact'], description: '`user`: staff; `contact`: the customer through self-service.' }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

class TicketEligibilityCheckDto {
  @ApiProperty({ enum: ['completed-order', 'warranty', 'contract'], description: 'Completed order [已成交订单], warranty [保修], contract scope [合同范围].' })
  check: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ example: '保修已于 2026-01-01T00:00:00.000Z 到期（订单 SO2024001）。' }) detail: string;
  @ApiProperty({ nullable: true, type: String, description: 'The order or contract number that decided it.' }) reference: string | null;
}

class TicketEligibilityOverrideDto {
  @ApiProperty({ format: 'uuid' }) by: string;
  @ApiProperty() at: string;
  @ApiProperty() reason: string;
}

class TicketEligibilityDto {
  @ApiProperty({ enum: ELIGIBILITY_POLICIES }) policy: string;
  @ApiProperty({ nullable: true, type: Boolean, description: 'The verdict [服务资格]; null when the type does not check.' }) eligible: boolean | null;
  @ApiProperty({ type: [TicketEligibilityCheckDto] }) checks: TicketEligibilityCheckDto[];
  @ApiProperty() checkedAt: string;
  @ApiProperty({ type: TicketEligibilityOverrideDto, nullable: true, description: "A supervisor's override [资格特批]." })
  override: TicketEligibilityOverrideDto | null;
}

export class TicketSatisfactionDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) score: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() ratedAt: string;
}

export class TicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GD20261125000001', description: 'Ticket number [工单号].' }) number: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ nullable: true, type: String, description: "The customer's grade when filed (SLA policies match on it)." }) customerGrade: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The customer's province [地区] when filed (routing)." }) region: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contactId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) productId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) productLineId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contractId: string | null;
  @ApiProperty({ format: 'uuid' }) typeId: string;
  @ApiProperty({ type: [String], description: 'The type and its ancestors, from the top [多级分类].' }) typePath: string[];
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority: string;
  @ApiProperty({ enum: TICKET_CHANNELS }) channel: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Handling team [处理小组].' }) teamId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Handler [处理人].' }) handlerId: string | null;
  @ApiProperty({ type: 'integer', description: 'Support tier [升级层级]: 1, one more per escalation.' }) tier: number;
  @ApiProperty({ nullable: true, type: String, description: 'Resolution [解决方案].' }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'First public reply [首次响应].' }) firstRespondedAt: string | null;
  @ApiProperty({ type: TicketSatisfactionDto, nullable: true, description: 'Customer satisfaction [满意度].' }) satisfaction: TicketSatisfactionDto | null;
  @ApiProperty({ type: TicketEligibilityDto }) eligibility: TicketEligibilityDto;
  @ApiProperty({ enum: ['staff', 'self-service'] }) createdVia: string;
  @ApiProperty({ type: TicketActorRefDto }) createdBy: TicketActorRefDto;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketDto] }) items: TicketDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TicketRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECORD_KINDS }) kind: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: TicketActorRefDto }) author: TicketActorRefDto;
  @ApiProperty() createdAt: string;
}

export class TicketRecordPageDto {
  @ApiProperty({ type: [TicketRecordDto] }) items: TicketRecordDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RecordAddedDto {
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty({ enum: TICKET_STATUSES, description: 'The ticket’s status after the record (a reply may move it).' }) status: string;
}

class TicketStatusChangeViewDto {
  @ApiProperty({ enum: TICKET_STATUSES, nullable: true, type: String, description: 'Null on the first row (filing).' }) from: string | null;
  @ApiProperty({ enum: TICKET_STATUSES }) to: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: TicketActorRefDto, nullable: true, description: 'Null when the system changed it.' }) by: TicketActorRefDto | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class StatusHistoryPageDto {
  @ApiProperty({ type: [TicketStatusChangeViewDto] }) items: TicketStatusChangeViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TicketChangeResultDto {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) teamId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) handlerId: string | null;
  @ApiProperty({ type: 'integer' }) tier: number;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiPropertyOptional({ description: 'For escalations: false when one with the same key was already acted on.' }) escalated?: boolean;
}
