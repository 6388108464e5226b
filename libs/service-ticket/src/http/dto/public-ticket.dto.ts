import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/ticket.types.js';
import { TicketSatisfactionDto } from './ticket-response.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class IssuePortalTokenDto {
  @ApiProperty({ format: 'uuid', description: 'The customer [客户]; you must be able to see it.' })
  @IsUUID()
  customerId: string;

  @ApiProperty({ format: 'uuid', description: 'The contact [联系人] who gets access; must work at the customer.' })
  @IsUUID()
  contactId: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 365, default: 30, description: 'Days the token stays valid.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  validDays?: number;
}

export class PortalTokenDto {
  @ApiProperty({ format: 'uuid' }) tokenId: string;
  @ApiProperty({ example: 'pt_…', description: 'Shown once: send it as `Authorization: Bearer pt_…` to /api/v1/public/tickets. Only a hash is kept.' })
  token: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty() expiresAt: string;
}

export class VerifyVisitorDto {
  @ApiProperty({ example: '13912345678', description: 'A phone number [手机号] of a contact at the customer.' })
  @Transform(trim)
  @IsString()
  @Matches(/^[+\d][\d\s-]{5,24}$/, { message: 'phone must be a phone number' })
  phone: string;

  @ApiProperty({ example: 'SO20261125000001', description: 'One of the customer’s order numbers [订单号].' })
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  orderNumber: string;
}

export class VisitorSessionDto {
  @ApiProperty({ example: 'pt_…', description: 'Send as `Authorization: Bearer pt_…`; valid for a day.' }) token: string;
  @ApiProperty() expiresAt: string;
}

export class PublicFileTicketDto {
  @ApiProperty({ format: 'uuid', description: 'Ticket type [工单类型] (GET /api/v1/public/ticket-types).' })
  @IsUUID()
  typeId: string;

  @ApiProperty({ example: '打印机无法开机', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ maxLength: 10000, description: 'What happened [问题描述].' })
  @IsString()
  @Length(1, 10000)
  description: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The product [产品] concerned.' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ example: 'SO20261125000001', description: 'Your order number [订单号].' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 64)
  orderNumber?: string;
}

export class PublicReplyDto {
  @ApiProperty({ maxLength: 10000, description: 'Your reply [回复].' })
  @IsString()
  @Length(1, 10000)
  body: string;
}

export class RateTicketDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: 'Satisfaction [满意度]: 1 (very unhappy) to 5 (very happy).' })
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class PublicTicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Ticket number [工单号].' }) number: string;
  @ApiProperty({ format: 'uuid' }) typeId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) productId: string | null;
  @ApiProperty({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: TicketSatisfactionDto, nullable: true }) satisfaction: TicketSatisfactionDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class PublicTicketPageDto {
  @ApiProperty({ type: [PublicTicketDto] }) items: PublicTicketDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
