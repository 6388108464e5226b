import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DEFAULT_TIME_ZONE, EXCEPTION_KINDS, type CalendarException } from '../../domain/business-calendar.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export class WorkingPeriodDto {
  @ApiProperty({ example: '09:00', description: 'Local time HH:mm.' })
  @Matches(TIME)
  start: string;

  @ApiProperty({ example: '12:00', description: 'Local time HH:mm (24:00 for midnight at the end of the day).' })
  @Matches(TIME)
  end: string;
}

export class CalendarExceptionDto {
  @ApiProperty({ example: '2025-10-01', description: 'Local date.' })
  @Matches(DATE)
  date: string;

  @ApiProperty({ enum: EXCEPTION_KINDS, description: '`holiday` [节假日]: no working time; `workday` [调休]: a working day even on a weekend.' })
  @IsIn(EXCEPTION_KINDS)
  kind: CalendarException['kind'];

  @ApiPropertyOptional({ example: '国庆节' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  name?: string;

  @ApiPropertyOptional({ type: [WorkingPeriodDto], description: 'With `workday`: periods other than the usual ones.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => WorkingPeriodDto)
  periods?: WorkingPeriodDto[];
}

export class SaveCalendarDto {
  @ApiProperty({ example: '华东服务中心' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ example: DEFAULT_TIME_ZONE, default: DEFAULT_TIME_ZONE, description: 'IANA time zone [时区].' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  timeZone?: string;

  @ApiProperty({ type: 'integer', isArray: true, example: [1, 2, 3, 4, 5], description: 'ISO weekdays worked: 1 Monday … 7 Sunday [工作日].' })
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingDays: number[];

  @ApiProperty({ type: [WorkingPeriodDto], description: 'Working hours [工作时间], in order, e.g. 09:00–12:00 and 13:30–18:00.' })
  @IsArray()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => WorkingPeriodDto)
  periods: WorkingPeriodDto[];

  @ApiPropertyOptional({ type: [CalendarExceptionDto], description: 'Holidays [节假日] and make-up working days [调休].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CalendarExceptionDto)
  exceptions?: CalendarExceptionDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Teams working on this calendar [适用团队]; a team moves here from any other calendar.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  teamIds?: string[];

  @ApiPropertyOptional({ default: false, description: 'The calendar of teams without one [默认日历]; only one calendar is the default.' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class CalendarDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: DEFAULT_TIME_ZONE }) timeZone: string;
  @ApiProperty({ type: 'integer', isArray: true }) workingDays: number[];
  @ApiProperty({ type: [WorkingPeriodDto] }) periods: WorkingPeriodDto[];
  @ApiProperty({ type: [CalendarExceptionDto] }) exceptions: CalendarExceptionDto[];
  @ApiProperty({ type: [String], format: 'uuid' }) teamIds: string[];
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class CalendarListDto {
  @ApiProperty({ type: [CalendarDto] }) items: CalendarDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: calendars are one short list.' }) nextCursor: null;
}

export class SavePolicyDto {
  @ApiProperty({ example: 'VIP 客户紧急工单' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['urgent', 'high'], description: 'Ticket priorities covered [优先级]; empty: any.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true })
  priorities?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Ticket types covered [工单类型]; empty: any.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ticketTypeIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['A'], description: 'Customer grades covered [客户等级]; empty: any.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true })
  customerGrades?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Service contracts covered [服务合同]; empty: any.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  contractIds?: string[];

  @ApiProperty({ type: 'integer', example: 60, description: 'First response [首次响应] within this many business minutes.' })
  @IsInt()
  @Min(1)
  @Max(525600)
  firstResponseMinutes: number;

  @ApiProperty({ type: 'integer', example: 480, description: 'Resolution [解决时限] within this many business minutes.' })
  @IsInt()
  @Min(1)
  @Max(525600)
  resolutionMinutes: number;

  @ApiPropertyOptional({ type: 'integer', example: 80, default: 80, description: 'Warn [预警] when this share of a target has elapsed.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  warningPercent?: number;

  @ApiPropertyOptional({ default: true, description: 'Inactive policies match no ticket.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PolicyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) priorities: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) ticketTypeIds: string[];
  @ApiProperty({ type: [String] }) customerGrades: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) contractIds: string[];
  @ApiProperty({ type: 'integer' }) firstResponseMinutes: number;
  @ApiProperty({ type: 'integer' }) resolutionMinutes: number;
  @ApiProperty({ type: 'integer' }) warningPercent: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class PolicyPageDto {
  @ApiProperty({ type: [PolicyDto] }) items: PolicyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
