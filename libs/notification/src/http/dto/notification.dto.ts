import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@crm/platform';
import { ALL_NOTIFICATION_KINDS, type NotificationKind } from '../../domain/notification-kinds.js';

const KIND_DESCRIPTION =
  '`approval-pending` 待审批, `approval-granted` 审批通过, `approval-rejected` 审批驳回, `customer-transferred` 客户转入, `recycle-reminder` 回收提醒, `webhook-disabled` 推送停用 (administrators), `contract-ending` 合同到期, `instalment-reminder` 回款提醒 (due or overdue), `lead-recycle-reminder` 线索回收提醒.';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ALL_NOTIFICATION_KINDS, description: KIND_DESCRIPTION }) kind: NotificationKind;
  @ApiProperty({ example: '待审批：客户申领', description: 'Title in Chinese [标题].' }) title: string;
  @ApiProperty({ description: 'Text in Chinese [内容].' }) body: string;
  @ApiProperty({ example: '/api/v1/approvals/0193…', description: 'The resource it is about, as an API path.' }) link: string;
  @ApiProperty({ format: 'uuid', description: 'The domain event that caused it.' }) eventId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was read [已读]; null while unread.' }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true`: unread only [未读].' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class UnreadCountDto {
  @ApiProperty({ type: 'integer', description: 'Unread notifications [未读消息数].' }) unread: number;
}

export class MarkedDto {
  @ApiProperty({ type: 'integer', description: 'How many notifications were unread and are now read.' }) marked: number;
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: ALL_NOTIFICATION_KINDS, description: KIND_DESCRIPTION }) kind: NotificationKind;
  @ApiProperty({ example: '待审批' }) label: string;
  @ApiProperty({ description: 'Off: this kind makes no notification for you.' }) enabled: boolean;
}

export class NotificationPreferencePageDto {
  @ApiProperty({ type: [NotificationPreferenceDto] }) items: NotificationPreferenceDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: every kind is on the one page.' }) nextCursor: string | null;
}

export class PreferenceChangeDto {
  @ApiProperty({ enum: ALL_NOTIFICATION_KINDS, description: KIND_DESCRIPTION })
  @IsIn(ALL_NOTIFICATION_KINDS)
  kind: NotificationKind;

  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}

export class SetPreferencesDto {
  @ApiProperty({ type: [PreferenceChangeDto], description: 'Kinds to switch on or off; kinds not named keep their setting.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_NOTIFICATION_KINDS.length)
  @ArrayUnique((change: PreferenceChangeDto) => change.kind, { message: 'each kind may be named once' })
  @ValidateNested({ each: true })
  @Type(() => PreferenceChangeDto)
  kinds: PreferenceChangeDto[];
}
