import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { WORK_ORDER_STATUSES } from '../../domain/work-order.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ScheduleWorkOrderDto {
  @ApiProperty({ example: '浙江省杭州市西湖区文三路 90 号 5 楼', description: 'Where the technician goes [服务地址].' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address: string;

  @ApiProperty({ example: '2026-11-26T01:00:00.000Z', description: 'Appointment window start [预约时间].' })
  @IsISO8601({ strict: true })
  appointmentStart: string;

  @ApiProperty({ example: '2026-11-26T03:00:00.000Z', description: 'Appointment window end; after the start.' })
  @IsISO8601({ strict: true })
  appointmentEnd: string;

  @ApiProperty({ format: 'uuid', description: 'The on-site technician [上门工程师]; they see the ticket from then on.' })
  @IsUUID()
  technicianId: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class PartUsedDto {
  @ApiProperty({ example: '电源板' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity: number;
}

export class CheckOutDto {
  @ApiProperty({ example: '更换电源板，设备恢复正常。', description: 'What was done [处理结果].' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  result: string;

  @ApiProperty({ type: [PartUsedDto], description: 'Parts used [使用备件].' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartUsedDto)
  partsUsed: PartUsedDto[];
}

export class SignOffDto {
  @ApiProperty({ example: '王经理', description: "The customer's person who signed [签字人]." })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  signedBy: string;
}

export class WorkOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty() address: string;
  @ApiProperty() appointmentStart: string;
  @ApiProperty() appointmentEnd: string;
  @ApiProperty({ format: 'uuid' }) technicianId: string;
  @ApiProperty({ enum: WORK_ORDER_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiProperty({ nullable: true, type: String }) checkedOutAt: string | null;
  @ApiProperty({ type: [PartUsedDto] }) partsUsed: PartUsedDto[];
  @ApiProperty({ nullable: true, type: String }) result: string | null;
  @ApiProperty({ nullable: true, type: String }) signedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) signedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class WorkOrderPageDto {
  @ApiProperty({ type: [WorkOrderDto] }) items: WorkOrderDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
