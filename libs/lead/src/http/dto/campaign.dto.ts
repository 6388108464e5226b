import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { MONEY_PATTERN } from './conversion.dto.js';
import { LeadPeriodQueryDto } from './period-query.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class ChangeCampaignDto {
  @ApiPropertyOptional({ example: '2026 秋季展会', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  name?: string;

  @ApiPropertyOptional({ example: 'exhibition', description: 'The channel [渠道] it runs in.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  channel?: string;

  @ApiPropertyOptional({ example: '10000.00', description: 'What it cost [活动成本], a decimal string.' })
  @IsOptional()
  @IsString()
  @Matches(MONEY_PATTERN)
  cost?: string;

  @ApiPropertyOptional({ example: '2026-09-01', format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  startsOn?: string;

  @ApiPropertyOptional({ example: '2026-09-30', format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  endsOn?: string;
}

export class CreateCampaignDto extends ChangeCampaignDto {
  @ApiProperty({ example: 'AUTUMN-2026', description: 'The code leads carry in `campaign`.' })
  @IsString()
  @Length(1, 100)
  @Transform(trim)
  code: string;
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) channel: string | null;
  @ApiProperty({ example: '10000.00' }) cost: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) startsOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) endsOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ChannelReportQueryDto extends LeadPeriodQueryDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['A', 'B'],
    description: 'Grades that count as qualified [合格线索] (converted leads always do); A and B by default.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  qualifiedGrades?: string[];
}

class ChannelFiguresDto {
  @ApiProperty({ type: 'integer' }) leads: number;
  @ApiProperty({ type: 'integer', description: 'Graded in `qualifiedGrades`, or converted.' }) qualified: number;
  @ApiProperty({ type: 'integer' }) converted: number;
  @ApiProperty({ type: 'integer', description: 'Won opportunities that came from these leads.' }) wonDeals: number;
  @ApiProperty({ example: '300000.00' }) wonAmount: string;
  @ApiProperty({ example: '10000.00', description: "The campaign's cost (shown on one row per campaign: its own channel's)." }) cost: string;
  @ApiProperty({ nullable: true, type: String, example: '2500.00' }) costPerLead: string | null;
  @ApiProperty({ nullable: true, type: String, example: '10000.00' }) costPerWonDeal: string | null;
}

class ChannelRowDto extends ChannelFiguresDto {
  @ApiProperty({ nullable: true, type: String }) channel: string | null;
  @ApiProperty({ nullable: true, type: String }) campaign: string | null;
  @ApiProperty({ nullable: true, type: String }) campaignName: string | null;
}

export class ChannelReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [String] }) qualifiedGrades: string[];
  @ApiProperty({ type: [ChannelRowDto] }) items: ChannelRowDto[];
  @ApiProperty({ type: ChannelFiguresDto }) totals: ChannelFiguresDto;
}
