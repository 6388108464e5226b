import { defineMessages } from '@crm/platform';

/** Chinese messages for the Webhook context's problem codes. */
defineMessages({
  'WEBHOOK.SUBSCRIPTION_NOT_FOUND': { 'zh-CN': '推送订阅不存在。' },
  'WEBHOOK.DELIVERY_NOT_FOUND': { 'zh-CN': '该订阅没有这次推送。' },
  'WEBHOOK.DELIVERY_PENDING': { 'zh-CN': '这次推送仍在等待中，会自动（重新）发送。' },
});
