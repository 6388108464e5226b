import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { INGEST_ACTIVITY_KINDS, MAX_INGEST_BATCH } from '../../domain/activity-ingest.js';

/** One activity as a tracking system sends it; checked item by item (a bad item is reported, the rest go on). */
export class IngestActivityItemDto {
  @ApiPropertyOptional({
    example: 'sensors:8f2c-0001',
    maxLength: 200,
    description: "The sender's id of this activity: sent again, it is not recorded twice. Namespace it (`system:id`).",
  })
  externalId?: string;
  @ApiPropertyOptional({ example: '13800138000', description: 'Matched on the normalised mobile of an open lead [手机].' }) mobile?: string;
  @ApiPropertyOptional({ example: 'zhang.wei@example.cn', description: 'Matched on the normalised e-mail of an open lead.' }) email?: string;
  @ApiPropertyOptional({
    example: 'wx-openid-3f9a',
    maxLength: 200,
    description:
      'The tracking system’s visitor id [访客ID]: linked to the lead its first item with a mobile or e-mail matched or made; later items with it alone find that lead, and so do items of the same batch with it alone, before or after that item.',
  })
  visitorId?: string;
  @ApiProperty({ enum: INGEST_ACTIVITY_KINDS }) kind: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened (at most 5 minutes ahead of our clock).' }) occurredAt: string;
  @ApiPropertyOptional({ maxLength: 100 }) channel?: string;
  @ApiPropertyOptional({ maxLength: 100 }) campaign?: string;
}

/** Opting in to leads from unmatched items [未匹配自动建线索], for this request. */
export class CreateUnmatchedDto {
  @ApiProperty({ format: 'uuid', description: 'The pool new leads go to: one you are a member of (or can see).' })
  @IsUUID()
  poolId: string;

  @ApiProperty({ example: 'mini-program', minLength: 1, maxLength: 100, description: "New leads' channel [渠道]." })
  @IsString()
  @Length(1, 100)
  channel: string;

  @ApiPropertyOptional({ format: 'uuid', description: "New leads' campaign [市场活动] (its code is recorded)." })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

export class IngestActivitiesDto {
  @ApiProperty({ type: [IngestActivityItemDto], minItems: 1, maxItems: MAX_INGEST_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INGEST_BATCH)
  @IsObject({ each: true })
  activities: IngestActivityItemDto[];

  @ApiPropertyOptional({
    type: CreateUnmatchedDto,
    description:
      'Items with a mobile or e-mail that match no open lead make one in this pool (answered `created` with the lead id), as any capture: de-duplicated, matched against customers and contacts, scored with their behaviour, routed or assigned. Without it they are `unmatched`.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateUnmatchedDto)
  createUnmatched?: CreateUnmatchedDto;
}

class IngestItemResultDto {
  @ApiProperty({ type: 'integer', description: 'Position in the batch (0 first).' }) index: number;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty({
    enum: ['recorded', 'created', 'duplicate', 'unmatched', 'invalid'],
    description:
      '`created`: it made a new lead (`createUnmatched`; later items of the same person are `recorded` on it); `duplicate`: its externalId was recorded before (or earlier in this batch); `unmatched`: no open lead has its keys.',
  })
  status: string;
  @ApiProperty({ nullable: true, type: String, enum: ['mobile', 'email', 'visitor'] }) matchedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The lead, when it is within your reach.' }) leadId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) activityId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'LEAD_INGEST.NO_KEY', description: 'Why an item is invalid.' }) code: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'occurredAt' }) field: string | null;
}

export class IngestResultDto {
  @ApiProperty({ type: 'integer' }) received: number;
  @ApiProperty({ type: 'integer' }) recorded: number;
  @ApiProperty({ type: 'integer', description: 'Items that made a new lead.' }) created: number;
  @ApiProperty({ type: 'integer' }) duplicates: number;
  @ApiProperty({ type: 'integer' }) unmatched: number;
  @ApiProperty({ type: 'integer' }) invalid: number;
  @ApiProperty({ type: 'integer', description: 'Leads re-scored by this batch (once each).' }) leadsRescored: number;
  @ApiProperty({ type: [IngestItemResultDto], description: 'One per item, in batch order.' }) items: IngestItemResultDto[];
}
