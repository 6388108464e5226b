import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class CreateTagDto {
  @ApiProperty({ example: '高意向', description: 'Tag name [标签], unique.' })
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiProperty({ example: 'intent', description: 'Category [标签分类].' })
  @IsString()
  @Length(1, 50)
  category: string;

  @ApiPropertyOptional({
    type: 'integer',
    default: 1,
    minimum: -100,
    maximum: 100,
    description: 'Weight [权重]; segments can sum weight × count per category.',
  })
  @IsOptional()
  @IsInt()
  @Min(-100)
  @Max(100)
  weight?: number;
}

export class TagDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: 'integer' }) weight: number;
}

export class TagPageDto {
  @ApiProperty({ type: [TagDto] }) items: TagDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class CustomerTagDto extends TagDto {
  @ApiProperty({ type: 'integer', description: 'How many times it was applied to this customer.' }) count: number;
  @ApiProperty({ format: 'date-time' }) firstTaggedAt: string;
  @ApiProperty({ format: 'date-time' }) lastTaggedAt: string;
  @ApiProperty({ enum: ['user', 'rule'] }) lastSource: string;
}

export class CustomerTagPageDto {
  @ApiProperty({ type: [CustomerTagDto] }) items: CustomerTagDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class ApplyTagDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tagId: string;
}

export class TagCountDto {
  @ApiProperty({ type: 'integer' }) count: number;
}

export class CreateGroupDto {
  @ApiProperty({ example: '重点跟进', description: 'Group name [分组], unique.' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class GroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) members: number;
}

export class GroupPageDto {
  @ApiProperty({ type: [GroupDto] }) items: GroupDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last.' }) nextCursor: string | null;
}

export class AddMembersDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  customerIds: string[];
}

export class AddedMembersDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Customers newly added (already-members are skipped).' }) added: string[];
}

class SegmentConditionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Tag condition: op has | lacks | count-gte.' }) tagId?: string;
  @ApiPropertyOptional({ description: 'Category condition: op weight-gte (sum of weight × count).' }) category?: string;
  @ApiPropertyOptional({ enum: ['province', 'region', 'city', 'industry', 'grade', 'size', 'type', 'kind'], description: 'Attribute condition: op eq | in.' })
  attribute?: string;
  @ApiProperty({ enum: ['has', 'lacks', 'count-gte', 'weight-gte', 'eq', 'in'] }) op: string;
  @ApiPropertyOptional({
    oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'A whole number (count-gte, weight-gte), a string (eq) or a list of strings (in).',
  })
  value?: number | string | string[];
}

export class CreateSegmentDto {
  @ApiProperty({ example: '江浙高意向客户', description: 'Segment name [客群], unique.' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  description?: string;

  @ApiProperty({
    type: [SegmentConditionDto],
    description: 'All must hold. Checked as a whole; a bad condition is a 400 `SEGMENT.INVALID_CONDITION` naming it.',
    example: [
      { category: 'intent', op: 'weight-gte', value: 10 },
      { attribute: 'province', op: 'in', value: ['浙江', '江苏'] },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  conditions: Record<string, unknown>[];
}

export class SegmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [SegmentConditionDto] }) conditions: unknown;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SegmentPageDto {
  @ApiProperty({ type: [SegmentDto] }) items: SegmentDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class IdResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}
