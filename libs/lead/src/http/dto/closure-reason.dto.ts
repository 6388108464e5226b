import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CLOSURE_REASON_KEY } from '../../domain/closure-reason.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ChangeClosureReasonDto {
  @ApiPropertyOptional({ example: '预算不足', maxLength: 50, description: 'The zh-CN label people choose by.' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @Transform(trim)
  label?: string;

  @ApiPropertyOptional({ description: 'Closing with it needs a note saying why.' })
  @IsOptional()
  @IsBoolean()
  noteRequired?: boolean;

  @ApiPropertyOptional({ description: 'false: no new closures with it; leads closed with it keep it.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: 'integer', example: 50, description: 'Position in the list, smallest first.' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  sortOrder?: number;
}

export class CreateClosureReasonDto extends ChangeClosureReasonDto {
  @ApiProperty({ example: 'no-budget', pattern: CLOSURE_REASON_KEY.source, description: 'Stable key leads and events carry; never changes.' })
  @IsString()
  @Matches(CLOSURE_REASON_KEY)
  key: string;

  @ApiProperty({ example: '预算不足', maxLength: 50, description: 'The zh-CN label people choose by.' })
  @IsString()
  @Length(1, 50)
  @Transform(trim)
  declare label: string;
}

export class ClosureReasonListQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: '`true`: deactivated reasons too.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeInactive?: 'true' | 'false';
}

export class ClosureReasonDto {
  @ApiProperty({ example: 'no-budget' }) key: string;
  @ApiProperty({ example: '预算不足' }) label: string;
  @ApiProperty() noteRequired: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) sortOrder: number;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ClosureReasonListDto {
  @ApiProperty({ type: [ClosureReasonDto] }) items: ClosureReasonDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the whole list is one page.' }) nextCursor: string | null;
}
