import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { LEADERBOARD_SCOPES, type LeaderboardScope } from '../../application/queries/get-leaderboard/get-leaderboard.query.js';
import { FORECAST_GROUPS, type ForecastGroup } from '../../application/queries/get-forecast/get-forecast.query.js';
import { FORECAST_REPORT_CATEGORIES, type ForecastReportCategory } from '../../application/reports/forecast-figures.js';
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
  @ApiProperty({ type: 'integer', example: 60 }) probability: number;
  @ApiProperty({ example: 'best-case' }) forecastCategory: string;
  @ApiProperty({ type: 'integer', description: 'Opportunities in this stage now (open stages: open ones; won / lost: closed there).' }) count: number;
  @ApiProperty({ example: '99.99', description: 'Sum of their amounts (an opportunity without amount counts 0).' }) amount: string;
  @ApiProperty({
    example: '59.99',
    description: 'Σ amount × probability / 100 (the override where the owner set one; won 100, lost 0), summed exactly, rounded half up to the cent once.',
  })
  weightedAmount: string;
  @ApiProperty({ type: 'integer', description: 'Opportunities that ever entered this stage (stage history, creation included), wherever they are now.' })
  reached: number;
  @ApiProperty({
    nullable: true,
    type: 'integer',
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
    type: 'integer',
    description:
      'Median whole seconds (rounded) of the completed stays in this stage (one per move out of it; the current stay does not count); null when none.',
  })
  medianSecondsInStage: number | null;
  @ApiProperty({ type: 'integer', description: 'How many completed stays the median is taken over.' }) stays: number;
}

export class FunnelDto {
  @ApiProperty({ format: 'uuid' }) pipelineId: string;
  @ApiProperty({ type: [FunnelStageDto], description: 'Every current stage in pipeline order, won and lost last.' }) stages: FunnelStageDto[];
}

const MONTH_OR_QUARTER = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

export class ForecastQueryDto extends OwnerFilterDto {
  @ApiProperty({ enum: ['month', 'quarter'], description: 'Periods by calendar month [月] or quarter [季度].' })
  @IsIn(['month', 'quarter'])
  period: 'month' | 'quarter';
  @ApiProperty({ example: '2026-01', description: 'First period, a key of the chosen kind: `2026-01` or `2026-Q1`.' })
  @Matches(MONTH_OR_QUARTER)
  from: string;
  @ApiProperty({ example: '2026-03', description: 'Last period (included); at most 36 periods.' }) @Matches(MONTH_OR_QUARTER) to: string;
  @ApiPropertyOptional({
    enum: FORECAST_GROUPS,
    description:
      'Rows per owner (default, each with its adjustment), rolled up per team or department, or `total`: one row per period and category for everyone in scope (or the filter) together, `groupId` null — a manager’s whole forecast without a row per person (everyone’s: a few dozen rows instead of thousands).',
  })
  @IsOptional()
  @IsIn(FORECAST_GROUPS)
  groupBy?: ForecastGroup;
}

export class ForecastAdjustmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '150000.00' }) amount: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) adjustedBy: string;
  @ApiProperty({ format: 'date-time' }) adjustedAt: string;
}

export class ForecastRowDto {
  @ApiProperty({ example: '2026-01' }) period: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The owner, team or department (by `groupBy`); null for people placed in no team / department, and for `total`.',
  })
  groupId: string | null;
  @ApiProperty({ enum: FORECAST_REPORT_CATEGORIES }) category: string;
  @ApiProperty({ example: '99.99', description: 'Raw: the sum of the amounts, as computed from the opportunities.' }) amount: string;
  @ApiProperty({ example: '59.99', description: 'Σ amount × probability / 100, exact, rounded half up to the cent once at this level.' })
  weightedAmount: string;
  @ApiProperty({ example: '120.00', description: "Adjusted: per owner the manager's latest amount where one was set, else the raw amount; summed for groups." })
  adjustedAmount: string;
  @ApiProperty({ type: ForecastAdjustmentViewDto, nullable: true, description: 'By owner: the adjustment that counts (earlier ones stay on record).' })
  adjustment: ForecastAdjustmentViewDto | null;
}

export class ForecastDto {
  @ApiProperty({ enum: ['month', 'quarter'] }) period: string;
  @ApiProperty({ enum: FORECAST_GROUPS }) groupBy: string;
  @ApiProperty({ type: [String], example: ['2026-01', '2026-02'] }) periods: string[];
  @ApiProperty({ type: [ForecastRowDto], description: 'Non-empty figures only, by period, group, category.' }) rows: ForecastRowDto[];
}

export class AdjustForecastDto {
  @ApiProperty({ format: 'uuid', description: 'Whose forecast: an active person in your data scope, not yourself.' }) @IsUUID() ownerId: string;
  @ApiProperty({ example: '2026-01', description: 'A month (`2026-01`) or a quarter (`2026-Q1`).' }) @Matches(MONTH_OR_QUARTER) period: string;
  @ApiProperty({ enum: FORECAST_REPORT_CATEGORIES }) @IsIn(FORECAST_REPORT_CATEGORIES) category: ForecastReportCategory;
  @ApiProperty({ example: '150000.00', description: 'The figure the manager stands behind, a decimal string.' }) @IsString() amount: string;
  @ApiProperty({ example: '客户预算已批，预计提前签约' }) @IsString() @Length(1, 500) reason: string;
}

export class ForecastAdjustmentDto extends ForecastAdjustmentViewDto {
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ example: '2026-01' }) period: string;
  @ApiProperty({ enum: FORECAST_REPORT_CATEGORIES }) category: string;
}

export class ForecastAccuracyQueryDto extends OwnerFilterDto {
  @ApiProperty({ example: '2026-12', description: 'A month (`2026-12`) or a quarter (`2026-Q4`).' }) @Matches(MONTH_OR_QUARTER) period: string;
}

export class ForecastAccuracyRowDto {
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    description: 'Monday of the snapshot judged: the last one on or before the first day of the period, else the first one during it.',
  })
  snapshotWeek: string | null;
  @ApiProperty({ nullable: true, type: String, example: '1300.00', description: 'commit + closed-won for the period in that snapshot (raw).' })
  forecastAmount: string | null;
  @ApiProperty({ nullable: true, type: String, example: '1000.00', description: "The same with the managers' adjustments of the time." })
  adjustedForecastAmount: string | null;
  @ApiProperty({ example: '800.00', description: 'Won in the period (won_at, company time zone).' }) wonAmount: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '61.54',
    description: '100 − |won − forecast| / forecast × 100 in percent, not below 0, half up to two decimals; null without a forecast.',
  })
  accuracy: string | null;
  @ApiProperty({ nullable: true, type: String, example: '80.00', description: 'The same against the adjusted forecast.' }) adjustedAccuracy: string | null;
}

export class ForecastAccuracyDto {
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty({ type: [ForecastAccuracyRowDto], description: 'People in your scope with a snapshot or a win for the period.' })
  rows: ForecastAccuracyRowDto[];
}

export class ForecastSnapshotDto {
  @ApiProperty({ format: 'date', example: '2026-11-23', description: 'Monday of the week (company time zone).' }) weekStart: string;
  @ApiProperty({ description: 'false when this week’s snapshot had been taken already: nothing was written.' }) taken: boolean;
  @ApiProperty({ type: 'integer', description: 'Figures written (owner × month × category).' }) rows: number;
}

export class LeaderboardQueryDto {
  @ApiProperty({ enum: ['won-amount', 'won-count', 'new-customers'], description: '赢单金额, 赢单数 or 新客户 (first won opportunity of a customer).' })
  @IsIn(['won-amount', 'won-count', 'new-customers'])
  metric: 'won-amount' | 'won-count' | 'new-customers';
  @ApiProperty({ example: '2026-Q1', description: 'A year (`2026`), a quarter (`2026-Q1`) or a month (`2026-01`); won_at in the company time zone.' })
  @Matches(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/)
  period: string;
  @ApiPropertyOptional({ enum: LEADERBOARD_SCOPES, description: 'Among the whole company (default), your department or your team.' })
  @IsOptional()
  @IsIn(LEADERBOARD_SCOPES)
  scope?: LeaderboardScope;
}

export class LeaderboardEntryDto {
  @ApiProperty({ type: 'integer', description: 'Equal values share a rank; the next rank skips (1, 1, 3).' }) rank: number;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ example: '66.96', description: 'Money with two decimals, or a whole number for counts.' }) value: string;
}

export class LeaderboardDto {
  @ApiProperty() metric: string;
  @ApiProperty() period: string;
  @ApiProperty({ enum: LEADERBOARD_SCOPES }) scope: string;
  @ApiProperty({ type: [LeaderboardEntryDto] }) entries: LeaderboardEntryDto[];
}
