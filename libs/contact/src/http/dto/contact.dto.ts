import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { CONTACT_ROLES, RECORD_KINDS, type ContactRole, type RecordKind } from '../../domain/contact.types.js';

const PHONE = /^[+\d][\d\s()-]{4,30}$/;
const Nullable = () => ValidateIf((_, value) => value !== null && value !== undefined);

class ContactFieldsDto {
  @ApiPropertyOptional({ type: [String], example: ['13900002222'], description: 'Phones [电话]; editable, unique across contacts.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(PHONE, { each: true, message: 'each phone must be digits, spaces, dashes or parentheses' })
  phones?: string[];

  @ApiPropertyOptional({ type: [String], example: ['wang@example.com'], description: 'E-mails; editable, unique across contacts.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'WeChat id [微信号].' })
  @Nullable()
  @IsString()
  @Length(1, 100)
  wechatId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'CTO', description: 'Current job title [职位].' })
  @Nullable()
  @IsString()
  @Length(1, 100)
  title?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Notes on the person: style, preferences [个人备注].' })
  @Nullable()
  @IsString()
  @Length(0, 5000)
  notes?: string | null;
}

export class CreateContactDto extends ContactFieldsDto {
  @ApiProperty({ example: '王建国' })
  @IsString()
  @Length(1, 100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  name: string;
}

export class UpdateContactDto extends ContactFieldsDto {
  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) phones: string[];
  @ApiProperty({ type: [String] }) emails: string[];
  @ApiProperty({ nullable: true, type: String }) wechatId: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactDto] }) items: ContactDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ContactListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name contains, or exact phone / e-mail.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class LinkContactDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  contactId: string;

  @ApiProperty({ enum: CONTACT_ROLES, description: 'Role at this customer: decision maker (KP) [决策人], influencer [影响人], …' })
  @IsIn(CONTACT_ROLES)
  role: ContactRole;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Title at this customer.' })
  @Nullable()
  @IsString()
  @Length(1, 100)
  title?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Primary contact [主联系人] of the customer (one at a time).' })
  @IsOptional()
  @IsBoolean()
  primary?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  startedOn?: string;
}

export class ChangeLinkDto {
  @ApiPropertyOptional({ enum: CONTACT_ROLES })
  @IsOptional()
  @IsIn(CONTACT_ROLES)
  role?: ContactRole;

  @ApiPropertyOptional({ nullable: true, type: String })
  @Nullable()
  @IsString()
  @Length(1, 100)
  title?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  primary?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'The person left [离职]: the link ends and stays in history.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endedOn?: string;
}

export class CustomerContactDto {
  @ApiProperty({ format: 'uuid' }) linkId: string;
  @ApiProperty({ enum: CONTACT_ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() primary: boolean;
  @ApiProperty({ format: 'date' }) startedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'id, name, phones, emails, wechatId' }) contact: Record<string, unknown>;
}

export class CustomerContactPageDto {
  @ApiProperty({ type: [CustomerContactDto] }) items: CustomerContactDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class CustomerContactsQueryDto {
  @ApiPropertyOptional({ enum: CONTACT_ROLES, description: "`decision-maker`: the customer's decision makers (KP)." })
  @IsOptional()
  @IsIn(CONTACT_ROLES)
  role?: ContactRole;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Include people who left.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeEnded?: 'true' | 'false';
}

export class ContactCustomerDto {
  @ApiProperty({ format: 'uuid' }) linkId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ nullable: true, type: String }) customerName: string | null;
  @ApiProperty({ enum: CONTACT_ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() primary: boolean;
  @ApiProperty({ format: 'date' }) startedOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endedOn: string | null;
}

export class ContactCustomerPageDto {
  @ApiProperty({ type: [ContactCustomerDto] }) items: ContactCustomerDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class AddRecordDto {
  @ApiProperty({ enum: RECORD_KINDS })
  @IsIn(RECORD_KINDS)
  kind: RecordKind;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  content: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The customer it happened at, if any.' })
  @IsOptional()
  @IsUUID()
  customerId?: string;
}

export class ContactRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) customerId: string | null;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ enum: RECORD_KINDS }) kind: string;
  @ApiProperty() content: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class ContactRecordPageDto {
  @ApiProperty({ type: [ContactRecordDto] }) items: ContactRecordDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class IdDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}
