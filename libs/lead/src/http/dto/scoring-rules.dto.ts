import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ACTIVITY_KINDS, CALL_OUTCOMES, LEAD_ATTRIBUTES } from '../../domain/lead.types.js';

const RULE_KINDS = ['attribute', 'behaviour', 'call-outcome'] as const;
const OPS = ['equals', 'in', 'present'] as const;
const kindIs = (kind: (typeof RULE_KINDS)[number]) => ValidateIf((rule: ScoringRuleDto) => rule.kind === kind);

export class ScoringRuleDto {
  @ApiProperty({ example: 'visited-mini-program', description: 'Stable id: lower-case letters, digits and dashes; shown in every score explanation.' })
  @IsString()
  @Length(1, 63)
  id: string;

  @ApiProperty({ example: '最近7天访问过小程序', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    enum: RULE_KINDS,
    description:
      '`attribute` [属性规则]: a field of the lead; `behaviour` [行为规则]: activities within a window; `call-outcome`: the latest call-centre outcome [外呼结果].',
  })
  @IsIn(RULE_KINDS)
  kind: (typeof RULE_KINDS)[number];

  @ApiProperty({ type: 'integer', example: 10, minimum: -1000, maximum: 1000, description: 'Points; negative rules lower the score [扣分].' })
  @IsInt()
  @Min(-1000)
  @Max(1000)
  points: number;

  @ApiPropertyOptional({ enum: LEAD_ATTRIBUTES, description: 'attribute: the field tested.' })
  @kindIs('attribute')
  @IsIn(LEAD_ATTRIBUTES)
  field?: (typeof LEAD_ATTRIBUTES)[number];

  @ApiPropertyOptional({ enum: OPS, description: 'attribute: equals `value`, is one of `values`, or is filled in (case and width ignored).' })
  @kindIs('attribute')
  @IsIn(OPS)
  op?: (typeof OPS)[number];

  @ApiPropertyOptional({ example: 'manufacturing', description: 'attribute with `equals`.' })
  @ValidateIf((rule: ScoringRuleDto) => rule.kind === 'attribute' && rule.op === 'equals')
  @IsString()
  @Length(1, 200)
  value?: string;

  @ApiPropertyOptional({ type: [String], example: ['浙江', '江苏', '上海'], description: 'attribute with `in`.' })
  @ValidateIf((rule: ScoringRuleDto) => rule.kind === 'attribute' && rule.op === 'in')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  values?: string[];

  @ApiPropertyOptional({ enum: ACTIVITY_KINDS, description: 'behaviour: the activity kind counted.' })
  @kindIs('behaviour')
  @IsIn(ACTIVITY_KINDS)
  activity?: (typeof ACTIVITY_KINDS)[number];

  @ApiPropertyOptional({
    type: 'integer',
    example: 7,
    minimum: 1,
    maximum: 365,
    description: 'behaviour (required) and call-outcome (optional): the window in days.',
  })
  @ValidateIf((rule: ScoringRuleDto) => rule.kind === 'behaviour' || rule.withinDays !== undefined)
  @IsInt()
  @Min(1)
  @Max(365)
  withinDays?: number;

  @ApiPropertyOptional({ type: 'integer', example: 30, description: 'behaviour: the most this rule adds in all (default |points|: it counts once).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  cap?: number;

  @ApiPropertyOptional({ enum: CALL_OUTCOMES, description: 'call-outcome: the outcome of the latest call.' })
  @kindIs('call-outcome')
  @IsIn(CALL_OUTCOMES)
  outcome?: (typeof CALL_OUTCOMES)[number];

  @ApiPropertyOptional({ example: '高意向', maxLength: 50, description: 'behaviour and call-outcome: a tag the lead carries while the rule fires [自动标签].' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  tag?: string;
}

export class GradeThresholdDto {
  @ApiProperty({ example: 'A', maxLength: 20 })
  @IsString()
  @Length(1, 20)
  grade: string;

  @ApiProperty({ type: 'integer', example: 80, description: 'Lowest score with this grade.' })
  @IsInt()
  @Min(-100000)
  @Max(100000)
  minScore: number;
}

export class ScoringRulesDto {
  @ApiProperty({ type: [ScoringRuleDto], description: 'Every rule; the score is the sum of what the firing ones add.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ScoringRuleDto)
  rules: ScoringRuleDto[];

  @ApiProperty({
    type: [GradeThresholdDto],
    example: [
      { grade: 'A', minScore: 80 },
      { grade: 'B', minScore: 50 },
      { grade: 'C', minScore: 20 },
    ],
    description: 'Grade thresholds [等级], highest first.',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => GradeThresholdDto)
  grades: GradeThresholdDto[];

  @ApiProperty({ example: 'D', description: 'Grade below every threshold.' })
  @IsString()
  @Length(1, 20)
  defaultGrade: string;
}

export class ScoringRulesViewDto extends ScoringRulesDto {
  @ApiProperty({ type: 'integer', description: 'Version; the ETag is its quoted form.' }) version: number;
}
