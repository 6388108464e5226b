import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { TASK_KINDS } from '../../infrastructure/sql-tasks.js';

export class CreateTaskDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The opportunity [商机] it is about (you may change it). Exactly one of opportunityId, customerId, leadId.',
  })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The customer [客户] it is about (you work it).' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'An open lead [线索] it is about (one you can see).' }) @IsOptional() @IsUUID() leadId?: string;
  @ApiProperty({ enum: TASK_KINDS, description: '电话 call, 拜访 visit, 会议 meeting.' }) @IsIn(TASK_KINDS) kind: (typeof TASK_KINDS)[number];
  @ApiProperty({ example: '上门演示新版本' }) @IsString() @Length(1, 200) title: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00+08:00' }) @IsISO8601({ strict: true }) dueAt: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Yourself when omitted; else an active person in your scope.' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

export class CloseTaskDto {
  @ApiProperty({ example: '客户确认下周签约', description: 'The result [结果].' }) @IsString() @Length(1, 2000) resultNote: string;
  @ApiPropertyOptional({ description: 'On an opportunity: also record the result as its activity [拜访记录] of the same kind (a customer follow-up).' })
  @IsOptional()
  @IsBoolean()
  recordActivity?: boolean;
}

export class TaskListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['today', 'overdue'], description: 'Due today (company time zone) or overdue; all open tasks when omitted.' })
  @IsOptional()
  @IsIn(['today', 'overdue'])
  due?: 'today' | 'overdue';
  @ApiPropertyOptional({ format: 'uuid', description: 'Someone in your scope; yourself when omitted.' }) @IsOptional() @IsUUID() assigneeId?: string;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) opportunityId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for a task on a lead.' }) customerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The lead [线索] it is about, if any.' }) leadId: string | null;
  @ApiProperty({ enum: TASK_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'uuid' }) assigneeId: string;
  @ApiProperty({ enum: ['open', 'done'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) resultNote: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The activity recorded when it was closed.' }) activityId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
