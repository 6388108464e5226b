import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { TARGET_METRICS } from '../../application/reports/won-figures.js';

const SUBJECT_TYPES = ['user', 'team', 'department'] as const;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;
const PERIOD_DOC = { example: '2026-Q1', description: 'A year (`2026`), a quarter (`2026-Q1`) or a month (`2026-01`).' };
const METRIC_DOC = {
  enum: TARGET_METRICS,
  description:
    '`won-amount` [赢单金额] (won_at in the period), `won-count` [赢单数], `new-customers` [新客户] (customers whose first won opportunity falls in the period), `collected-amount` [回款金额] (payments on the owner’s orders dated in the period, less those reversed).',
};

export class SetTargetDto {
  @ApiProperty({ enum: SUBJECT_TYPES, description: 'A person [个人], a team [小组] or a department [部门].' })
  @IsIn(SUBJECT_TYPES)
  subjectType: (typeof SUBJECT_TYPES)[number];
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty(PERIOD_DOC) @Matches(PERIOD) period: string;
  @ApiProperty(METRIC_DOC) @IsIn(TARGET_METRICS) metric: string;
  @ApiProperty({ example: '1000000.00', description: 'Money as a decimal string; a whole number for counted metrics.' }) @IsString() value: string;
}

export class ChangeTargetDto {
  @ApiProperty({ example: '1200000.00' }) @IsString() value: string;
}

export class TargetListQueryDto extends PageQueryDto {
  @ApiPropertyOptional(PERIOD_DOC) @IsOptional() @Matches(PERIOD) period?: string;
  @ApiPropertyOptional({ enum: SUBJECT_TYPES }) @IsOptional() @IsIn(SUBJECT_TYPES) subjectType?: (typeof SUBJECT_TYPES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() subjectId?: string;
  @ApiPropertyOptional(METRIC_DOC) @IsOptional() @IsIn(TARGET_METRICS) metric?: string;
}

export class TargetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SUBJECT_TYPES }) subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: '2026-Q1' }) period: string;
  @ApiProperty({ enum: TARGET_METRICS }) metric: string;
  @ApiProperty({ example: '1000.00' }) value: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '800.00',
    description: "Achieved in the period by the person or the team's / department's current members; null for a metric not measured yet.",
  })
  achieved: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '80.00',
    description: 'achieved / value in percent, half up to two decimals [达成率]; null for a value of 0.',
  })
  achievementRate: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class TargetPageDto {
  @ApiProperty({ type: [TargetDto] }) items: TargetDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TargetCoverageDto {
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: '2026-Q1' }) period: string;
  @ApiProperty({ example: '1000.00' }) value: string;
  @ApiProperty({ example: '300.00' }) achieved: string;
  @ApiProperty({ example: '700.00', description: 'value − achieved, not below 0.' }) gap: string;
  @ApiProperty({ type: 'integer', description: 'Open opportunities expected to close in the period (omitted stages left out).' }) openCount: number;
  @ApiProperty({ example: '2000.00' }) openAmount: string;
  @ApiProperty({ example: '1050.00', description: 'Σ amount × probability / 100, rounded half up to the cent.' }) openWeightedAmount: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '1.50',
    description: 'openWeightedAmount / gap [覆盖倍数], two decimals; null once the target is reached.',
  })
  coverage: string | null;
}
