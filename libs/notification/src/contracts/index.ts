/** The Notification context's public surface: the kinds of notification [消息提醒]. It emits no events of its own. */
export { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notification-kinds.js';
