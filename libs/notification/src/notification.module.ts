import { Module } from '@nestjs/common';
import { MarkAllNotificationsReadHandler } from './application/commands/mark-all-notifications-read/mark-all-notifications-read.handler.js';
import { MarkNotificationReadHandler } from './application/commands/mark-notification-read/mark-notification-read.handler.js';
import { SetNotificationPreferencesHandler } from './application/commands/set-notification-preferences/set-notification-preferences.handler.js';
import { CountUnreadNotificationsHandler } from './application/queries/count-unread-notifications/count-unread-notifications.handler.js';
import { GetNotificationPreferencesHandler } from './application/queries/get-notification-preferences/get-notification-preferences.handler.js';
import { ListNotificationsHandler } from './application/queries/list-notifications/list-notifications.handler.js';
import { NotifyRecipientsReaction } from './application/reactions/notify-recipients.reaction.js';
import { NotificationsController } from './http/notifications.controller.js';
import { NotificationInbox } from './infrastructure/notification-inbox.js';
import './notification.messages.js';

/** Notifications [消息提醒]: made from other contexts' events after commit, read by their recipient only. */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationInbox,
    NotifyRecipientsReaction,
    MarkNotificationReadHandler,
    MarkAllNotificationsReadHandler,
    SetNotificationPreferencesHandler,
    ListNotificationsHandler,
    CountUnreadNotificationsHandler,
    GetNotificationPreferencesHandler,
  ],
})
export class NotificationModule {}
