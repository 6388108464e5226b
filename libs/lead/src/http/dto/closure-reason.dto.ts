import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { CLOSURE_REASON_KEY } from '../../domain/closure-reason.js';
import { LeadPeriodQueryDto } from './period-query.dto.js';

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

export class ClosureReportQueryDto extends LeadPeriodQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this pool [线索池] and the pools below it; one you see, else 404.' })
  @IsOptional()
  @IsUUID()
  poolId?: string;
}

class ReasonClosuresDto {
  @ApiProperty({ example: 'no-need', description: 'The closure reason’s key.' }) reason: string;
  @ApiProperty({ example: '无需求' }) label: string;
  @ApiProperty({ description: 'Deactivated reasons are listed only when leads were closed for them in the period.' }) active: boolean;
  @ApiProperty({ type: 'integer' }) closed: number;
  @ApiProperty({ nullable: true, type: String, example: '0.3750', description: 'closed / all closures of the period, 4 places; null when there were none.' })
  share: string | null;
}

class PoolReasonClosuresDto {
  @ApiProperty({ example: 'no-need' }) reason: string;
  @ApiProperty({ type: 'integer' }) closed: number;
}

class PoolClosuresDto {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: 'integer', description: 'Closed in this pool and the pools below it.' }) closed: number;
  @ApiProperty({ type: 'integer', description: 'Closed in this pool itself.' }) closedHere: number;
  @ApiProperty({ type: [PoolReasonClosuresDto], description: '`closed` per reason, in the list’s order; reasons without closures left out.' })
  reasons: PoolReasonClosuresDto[];
}

class ClosureTotalsDto {
  @ApiProperty({ type: 'integer' }) closed: number;
}

export class ClosureReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) poolId: string | null;
  @ApiProperty({ type: [ReasonClosuresDto], description: 'Per reason, in the list’s order: every active reason, deactivated ones with closures.' })
  items: ReasonClosuresDto[];
  @ApiProperty({ type: ClosureTotalsDto }) totals: ClosureTotalsDto;
  @ApiProperty({
    type: [PoolClosuresDto],
    description: 'Per pool with closures, parents first: the pools you see, and the pools of leads you see (your own, through your data scope).',
  })
  pools: PoolClosuresDto[];
}
