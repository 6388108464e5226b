import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { FOLLOW_UP_CHANNELS, type FollowUpChannel } from '../../domain/customer.types.js';

export class RecordFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_CHANNELS, description: 'How the customer was reached [跟进方式].' })
  @IsIn(FOLLOW_UP_CHANNELS)
  channel: FollowUpChannel;

  @ApiProperty({ example: '电话沟通了报价，客户下周安排技术交流', maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  content: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened; defaults to now. Not in the future.' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Planned next follow-up [下次跟进].' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsDateString({ strict: true })
  nextFollowUpAt?: string | null;
}

class PersonRefDto {
  @ApiProperty({ nullable: true, type: String }) id: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: PersonRefDto }) author: PersonRefDto;
  @ApiProperty({ enum: FOLLOW_UP_CHANNELS }) channel: FollowUpChannel;
  @ApiProperty() content: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextFollowUpAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FollowUpPageDto {
  @ApiProperty({ type: [FollowUpDto] }) items: FollowUpDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FollowUpCreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'customer.updated.v1' }) type: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: PersonRefDto, description: 'Who [谁]; id `system` for scheduled work.' }) actor: PersonRefDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What happened; updates carry `changes: {field: {from, to}}` (before/after).',
  })
  payload: Record<string, unknown>;
}

export class TimelinePageDto {
  @ApiProperty({ type: [TimelineEntryDto] }) items: TimelineEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
