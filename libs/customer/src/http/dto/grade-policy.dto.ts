import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { CUSTOMER_SIZES, CUSTOMER_TYPES, type CustomerSize, type CustomerType } from '../../domain/customer.types.js';

const GRADE = /^[A-Z][A-Z0-9+-]{0,9}$/;

export class GradeRuleDto {
  @ApiProperty({ enum: CUSTOMER_TYPES, nullable: true, description: 'null matches any type.' })
  @ValidateIf((_, value) => value !== null)
  @IsIn(CUSTOMER_TYPES)
  type: CustomerType | null;

  @ApiProperty({ enum: CUSTOMER_SIZES, nullable: true, description: 'null matches any size.' })
  @ValidateIf((_, value) => value !== null)
  @IsIn(CUSTOMER_SIZES)
  size: CustomerSize | null;

  @ApiProperty({ example: 'A', pattern: GRADE.source })
  @Matches(GRADE)
  grade: string;
}

export class ReplaceGradePolicyDto {
  @ApiProperty({ example: 'C', pattern: GRADE.source, description: 'Grade when no rule matches.' })
  @Matches(GRADE)
  defaultGrade: string;

  @ApiProperty({ type: [GradeRuleDto], description: 'type+size beats type beats size beats the default.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GradeRuleDto)
  rules: GradeRuleDto[];
}

export class GradePolicyDto extends ReplaceGradePolicyDto {
  @ApiProperty({ type: 'integer', description: 'Version; the ETag is its quoted form.' }) version: number;
}

export class GradePolicyReplacedDto {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer', description: 'Customers whose grade changed.' }) regraded: number;
}
