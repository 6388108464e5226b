import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '@crm/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The text parts of the upload besides `file`. */
export class StartLeadImportDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Target pool (one you reach); the master pool by default.' })
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiPropertyOptional({ example: 'exhibition', description: 'Channel [渠道] for rows that name none.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  channel?: string;

  @ApiPropertyOptional({ example: '2026 秋季展会', description: 'Campaign [市场活动] for rows that name none.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  campaign?: string;
}

export class LeadImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ example: '展会名单.xlsx' }) fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: string;
  @ApiProperty({ enum: ['queued', 'processing', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: 'integer', description: 'Data rows read so far (the heading row not counted).' }) rowsRead: number;
  @ApiProperty({ type: 'integer', description: 'Rows that became new leads.' }) created: number;
  @ApiProperty({ type: 'integer', description: 'Rows merged into an open lead (or an earlier row) with the same mobile, e-mail or company [重复合并].' })
  merged: number;
  @ApiProperty({ type: 'integer', description: 'Rows refused; see the report.' }) rejected: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why a failed import stopped (a code).' }) error: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}

export class LeadImportPageDto {
  @ApiProperty({ type: [LeadImportDto] }) items: LeadImportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ImportRowDto {
  @ApiProperty({ type: 'integer', example: 7, description: 'Row in the file; the heading row is 1.' }) rowNumber: number;
  @ApiProperty({ enum: ['created', 'merged', 'rejected'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) leadId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'LEAD.INVALID_MOBILE', description: 'Why it was rejected: a problem code.' }) errorCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'mobile' }) errorField: string | null;
}

export class ImportRowPageDto {
  @ApiProperty({ type: [ImportRowDto] }) items: ImportRowDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ImportRowsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['created', 'merged', 'rejected'] })
  @IsOptional()
  @IsIn(['created', 'merged', 'rejected'])
  status?: 'created' | 'merged' | 'rejected';
}
