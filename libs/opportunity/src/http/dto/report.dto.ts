import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { STAGE_OUTCOMES } from '../../domain/opportunity.types.js';

const DAY = { format: 'date', example: '2026-01-31' } as const;

export class OwnerFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One person [销售]. At most one of ownerId, teamId, departmentId.' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The members of a team [小组].' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The members of a department [部门].' }) @IsOptional() @IsUUID() departmentId?: string;
}

export class FunnelQueryDto extends OwnerFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The pipeline [销售流程]; the default one when omitted.' }) @IsOptional() @IsUUID() pipelineId?: string;
  @ApiPropertyOptional({ ...DAY, description: 'Created on or after this day (company time zone).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;
  @ApiPropertyOptional({ ...DAY, description: 'Created on or before this day (inclusive).' }) @IsOptional() @IsISO8601({ strict: true }) createdTo?: string;
  @ApiPropertyOptional({ ...DAY, description: 'Expected close date on or after this day.' }) @IsOptional() @IsISO8601({ strict: true }) closeFrom?: string;
  @ApiPropertyOptional({ ...DAY, description: 'Expected close date on or before this day (inclusive).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  closeTo?: string;
}

export class FunnelStageDto {
  @ApiProperty({ format: 'uuid' }) stageId: string;
  @ApiProperty({ example: '方案报价' }) name: string;
  @ApiProperty({ enum: STAGE_OUTCOMES }) outcome: string;
  @ApiProperty({ example: 60 }) probability: number;
  @ApiProperty({ example: 'best-case' }) forecastCategory: string;
  @ApiProperty({ description: 'Opportunities in this stage now (open stages: open ones; won / lost: closed there).' }) count: number;
  @ApiProperty({ example: '99.99', description: 'Sum of their amounts (an opportunity without amount counts 0).' }) amount: string;
  @ApiProperty({
    example: '59.99',
    description: 'Σ amount × probability / 100 (the override where the owner set one; won 100, lost 0), summed exactly, rounded half up to the cent once.',
  })
  weightedAmount: string;
  @ApiProperty({ description: 'Opportunities that ever entered this stage (stage history, creation included), wherever they are now.' })
  reached: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Open stages: of those that reached it, how many later entered any further open stage or the won stage. Null for won / lost.',
  })
  advanced: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '66.67',
    description: 'advanced / reached in percent, half up to two decimals; null when nobody reached it.',
  })
  conversionRate: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Median seconds of the completed stays in this stage (one per move out of it; the current stay does not count); null when none.',
  })
  medianSecondsInStage: number | null;
  @ApiProperty({ description: 'How many completed stays the median is taken over.' }) stays: number;
}

export class FunnelDto {
  @ApiProperty({ format: 'uuid' }) pipelineId: string;
  @ApiProperty({ type: [FunnelStageDto], description: 'Every current stage in pipeline order, won and lost last.' }) stages: FunnelStageDto[];
}
