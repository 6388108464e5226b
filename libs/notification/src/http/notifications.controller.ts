import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, UuidParam, wholeList, type Actor } from '@crm/platform';
import { MarkAllNotificationsReadCommand } from '../application/commands/mark-all-notifications-read/mark-all-notifications-read.command.js';
import { MarkNotificationReadCommand } from '../application/commands/mark-notification-read/mark-notification-read.command.js';
import { SetNotificationPreferencesCommand } from '../application/commands/set-notification-preferences/set-notification-preferences.command.js';
import { CountUnreadNotificationsQuery } from '../application/queries/count-unread-notifications/count-unread-notifications.query.js';
import { GetNotificationPreferencesQuery } from '../application/queries/get-notification-preferences/get-notification-preferences.query.js';
import { ListNotificationsQuery } from '../application/queries/list-notifications/list-notifications.query.js';
import {
  MarkedDto,
  NotificationPageDto,
  NotificationPreferencePageDto,
  NotificationQueryDto,
  SetPreferencesDto,
  UnreadCountDto,
} from './dto/notification.dto.js';

/** Every user's own notifications [消息提醒]: nobody reads or marks another's. */
@ApiTags('Notification')
@ApiBearerAuth()
@Controller('api/v1')
export class NotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications [消息提醒], unread first, then newest' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.queries.execute(
      new ListNotificationsQuery(actor, query.unread === 'true', query.limit ?? DEFAULT_PAGE_SIZE, query.cursor),
    ) as unknown as Promise<NotificationPageDto>;
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread [未读消息数]' })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiProblems(401)
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountDto> {
    return this.queries.execute(new CountUnreadNotificationsQuery(actor));
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read [全部已读]' })
  @ApiOkResponse({ type: MarkedDto })
  @ApiProblems(401)
  readAll(@CurrentActor() actor: Actor): Promise<MarkedDto> {
    return this.commands.execute(new MarkAllNotificationsReadCommand(actor));
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read [标为已读]', description: 'Marking it again changes nothing.' })
  @ApiNoContentResponse({ description: 'Read.' })
  @ApiProblems(400, 401, [404, 'No such notification, or it is not yours (`NOTIFICATION.NOT_FOUND`).'])
  async read(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.commands.execute(new MarkNotificationReadCommand(actor, id));
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: 'Which kinds of notification I want [消息提醒设置]', description: 'Every kind is on until switched off.' })
  @ApiOkResponse({ type: NotificationPreferencePageDto })
  @ApiProblems(401)
  async preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferencePageDto> {
    return wholeList(await this.queries.execute(new GetNotificationPreferencesQuery(actor)));
  }

  @Put('notification-preferences')
  @ApiOperation({ summary: 'Switch kinds of notification on or off [消息提醒设置]', description: 'A kind switched off makes no notification from then on.' })
  @ApiOkResponse({ type: NotificationPreferencePageDto })
  @ApiProblems(400, 401)
  async setPreferences(@CurrentActor() actor: Actor, @Body() body: SetPreferencesDto): Promise<NotificationPreferencePageDto> {
    await this.commands.execute(new SetNotificationPreferencesCommand(actor, body.kinds));
    return wholeList(await this.queries.execute(new GetNotificationPreferencesQuery(actor)));
  }
}
