import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  FORECAST_CATEGORIES,
  REQUIRABLE_FIELDS,
  STAGE_OUTCOMES,
  type ForecastCategory,
  type RequirableField,
  type StageOutcome,
} from '../../domain/opportunity.types.js';

export class StageInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing stage (rename, re-weight, reorder it); omit for a new stage.' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: '方案报价', maxLength: 50, description: 'Stage name [销售阶段].' })
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiProperty({ type: 'integer', example: 60, minimum: 0, maximum: 100, description: 'Default win probability [赢率], whole percent; won 100, lost 0.' })
  @IsInt()
  @Min(0)
  @Max(100)
  probability: number;

  @ApiProperty({
    enum: FORECAST_CATEGORIES,
    description: 'Forecast category [预测类别]: open stages pipeline / best-case / commit / omitted; the won stage closed, the lost stage omitted.',
  })
  @IsIn(FORECAST_CATEGORIES)
  forecastCategory: ForecastCategory;

  @ApiProperty({ enum: REQUIRABLE_FIELDS, isArray: true, description: 'Fields an opportunity needs to enter the stage [阶段准入条件].' })
  @IsArray()
  @ArrayUnique()
  @IsIn(REQUIRABLE_FIELDS, { each: true })
  requiredFields: RequirableField[];

  @ApiProperty({ description: 'Whether opportunities in this stage may move back to an earlier stage [允许回退]. Ignored for won and lost.' })
  @IsBoolean()
  allowBack: boolean;

  @ApiProperty({ enum: STAGE_OUTCOMES, description: '`open`, or the one `won` [赢单] / `lost` [输单] stage; fixed once a stage exists.' })
  @IsIn(STAGE_OUTCOMES)
  outcome: StageOutcome;
}

export class CreatePipelineDto {
  @ApiProperty({ example: '大客户项目', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ default: false, description: 'New opportunities without a pipeline go to the default one.' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiProperty({ type: [StageInputDto], description: 'Open stages in order, then the won and the lost stage. Stage ids are assigned.' })
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageInputDto)
  stages: StageInputDto[];
}

export class ChangePipelineDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: '`true` makes it the default (the previous default stops being it).' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({
    type: [StageInputDto],
    description:
      'The whole new stage list, in order: existing stages by `id` (renamed, re-weighted, reordered), new ones without. A stage left out is removed: only when no open opportunity is in it, or with `moveTo`.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageInputDto)
  stages?: StageInputDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'uuid' },
    example: { '00000000-0000-7000-8000-00000000b012': '00000000-0000-7000-8000-00000000b013' },
    description: 'Removed stage id → open stage id of the new list: where its open opportunities move (their history records the move).',
  })
  @IsOptional()
  @IsObject()
  moveTo?: Record<string, string>;
}

export class StageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) probability: number;
  @ApiProperty({ enum: FORECAST_CATEGORIES }) forecastCategory: ForecastCategory;
  @ApiProperty({ enum: REQUIRABLE_FIELDS, isArray: true }) requiredFields: RequirableField[];
  @ApiProperty() allowBack: boolean;
  @ApiProperty({ enum: STAGE_OUTCOMES }) outcome: StageOutcome;
}

export class PipelineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '新业务' }) name: string;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ type: [StageDto], description: 'In order: open stages, then won and lost.' }) stages: StageDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class PipelinePageDto {
  @ApiProperty({ type: [PipelineDto] }) items: PipelineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PipelineChangedDto extends PipelineDto {
  @ApiProperty({ type: 'integer', description: 'Open opportunities moved out of removed stages by `moveTo`.' }) movedOpportunities: number;
}

export class CreateLossReasonDto {
  @ApiProperty({ example: '交付周期太长', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class LossReasonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '价格过高' }) name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LossReasonPageDto {
  @ApiProperty({ type: [LossReasonDto] }) items: LossReasonDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
