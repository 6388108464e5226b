import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
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
  ValidateNested,
} from 'class-validator';
import { FORM_FIELDS, type FormFieldName } from '../../domain/lead-form.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const PHONE = /^[+\d][\d\s()-]{4,30}$/;

export class FormFieldDto {
  @ApiProperty({ enum: FORM_FIELDS, description: 'A lead field the form asks for.' })
  @IsIn(FORM_FIELDS)
  name: FormFieldName;

  @ApiProperty({ description: 'The visitor must fill it in.' })
  @IsBoolean()
  required: boolean;
}

export class ChangeLeadFormDto {
  @ApiPropertyOptional({ example: '2026 秋季展会报名', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The pool submissions land in (one you admin); its rules assign them.' })
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiPropertyOptional({ example: 'landing-page', description: 'Channel [渠道] of every submission.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  channel?: string;

  @ApiPropertyOptional({ example: 'AUTUMN-2026', nullable: true, type: String, description: 'Campaign [市场活动] code of every submission.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  campaign?: string;

  @ApiPropertyOptional({ type: [FormFieldDto], description: 'The fields asked for; at least one of mobile, email, companyName.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FORM_FIELDS.length)
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  fields?: FormFieldDto[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, default: 10, description: 'Submissions per minute from one address [频率限制].' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  maxPerAddressPerMinute?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000, default: 600, description: 'Submissions per minute to this form in all.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  maxPerMinute?: number;

  @ApiPropertyOptional({ default: true, description: 'A disabled form answers 404 like an unknown one.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class CreateLeadFormDto {
  @ApiProperty({ example: 'autumn-expo-2026', description: 'The public key in the submission URL: lower-case letters, digits, dashes.' })
  @Matches(/^[a-z0-9][a-z0-9-]{2,63}$/)
  key: string;

  @ApiProperty({ example: '2026 秋季展会报名', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'The pool submissions land in (one you admin); its rules assign them.' })
  @IsUUID()
  poolId: string;

  @ApiProperty({ example: 'landing-page', description: 'Channel [渠道] of every submission.' })
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  channel: string;

  @ApiPropertyOptional({ example: 'AUTUMN-2026', description: 'Campaign [市场活动] code of every submission.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  campaign?: string;

  @ApiProperty({ type: [FormFieldDto], description: 'The fields asked for; at least one of mobile, email, companyName.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FORM_FIELDS.length)
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  fields: FormFieldDto[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, default: 10, description: 'Submissions per minute from one address [频率限制].' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  maxPerAddressPerMinute?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000, default: 600, description: 'Submissions per minute to this form in all.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  maxPerMinute?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class LeadFormDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() channel: string;
  @ApiProperty({ nullable: true, type: String }) campaign: string | null;
  @ApiProperty({ type: [FormFieldDto] }) fields: FormFieldDto[];
  @ApiProperty({ description: 'A hidden field people leave empty and robots fill in [防机器人]; such submissions are dropped.' }) honeypotField: string;
  @ApiProperty({ type: 'integer' }) maxPerAddressPerMinute: number;
  @ApiProperty({ type: 'integer' }) maxPerMinute: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ example: '/api/v1/public/forms/autumn-expo-2026/submissions' }) submitPath: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class LeadFormPageDto {
  @ApiProperty({ type: [LeadFormDto] }) items: LeadFormDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** What a landing page posts: the form's fields, the page's UTM parameters, and the honeypot. */
export class FormSubmissionDto {
  @ApiPropertyOptional({ example: '张三' }) @IsOptional() @IsString() @MaxLength(100) personName?: string;
  @ApiPropertyOptional({ example: '13800138000' }) @IsOptional() @IsString() @Matches(PHONE) mobile?: string;
  @ApiPropertyOptional({ example: 'zhangsan@example.cn' }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) companyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) province?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) industry?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @ApiPropertyOptional({ example: 'baidu' }) @IsOptional() @IsString() @MaxLength(100) utmSource?: string;
  @ApiPropertyOptional({ example: 'cpc' }) @IsOptional() @IsString() @MaxLength(100) utmMedium?: string;
  @ApiPropertyOptional({ example: 'autumn-expo' }) @IsOptional() @IsString() @MaxLength(100) utmCampaign?: string;
  @ApiPropertyOptional({ description: 'Honeypot [防机器人]: hidden on the page, left empty by people.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}

export class SubmissionReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'A receipt for this submission; a retry with the same Idempotency-Key answers the same one.' }) receiptId: string;
}
