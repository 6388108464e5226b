import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@crm/platform';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true };
const PREFIX = /^(\*|[a-z][a-z0-9.-]*)$/;

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://erp.example.com/crm-events', description: 'The receiver: an http(s) URL.' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ type: [String], example: ['pool.', 'customer.created'], description: 'Event types starting with one of these are sent; `*` for all.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(PREFIX, { each: true, message: 'each event type prefix is * or lower-case like pool. or customer.created' })
  eventTypePrefixes: string[];

  @ApiProperty({ writeOnly: true, minLength: 16, description: 'Signs every delivery (HMAC-SHA256); never shown again.' })
  @IsString()
  @Length(16, 200)
  secret: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ChangeSubscriptionDto {
  @ApiPropertyOptional({ example: 'https://erp.example.com/crm-events' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(PREFIX, { each: true, message: 'each event type prefix is * or lower-case like pool. or customer.created' })
  eventTypePrefixes?: string[];

  @ApiPropertyOptional({ writeOnly: true, minLength: 16 })
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  @ApiPropertyOptional({ description: 'true switches a disabled subscription on again.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) eventTypePrefixes: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was switched off automatically.' }) disabledReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SubscriptionPageDto {
  @ApiProperty({ type: [SubscriptionDto] }) items: SubscriptionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

const STATUSES = ['pending', 'delivered', 'failed'];

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header.' }) eventId: string;
  @ApiProperty({ example: 'pool.customer-protected.v1' }) eventType: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) customerId: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ nullable: true, type: 'integer', description: 'HTTP status of the last attempt; null when there was no answer.' }) lastStatusCode:
    number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) lastLatencyMs: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: string;
}
