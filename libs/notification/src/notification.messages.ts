import { defineMessages } from '@crm/platform';

/** Chinese messages for the Notification context's problem codes. */
defineMessages({
  'NOTIFICATION.NOT_FOUND': { 'zh-CN': '消息不存在（或不是您的消息）。' },
});
