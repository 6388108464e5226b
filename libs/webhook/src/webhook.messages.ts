import { defineMessages, defineProblemMembers } from '@crm/platform';

/** Chinese messages for the Webhook context's problem codes. */
defineMessages({
  'WEBHOOK.SUBSCRIPTION_NOT_FOUND': { 'zh-CN': '推送订阅不存在。' },
  'WEBHOOK.DELIVERY_NOT_FOUND': { 'zh-CN': '该订阅没有这次推送。' },
  'WEBHOOK.DELIVERY_PENDING': { 'zh-CN': '这次推送仍在等待中，会自动（重新）发送。' },
  'WEBHOOK.TARGET_NOT_ALLOWED': {
    'zh-CN': '推送地址解析为内网、本机或链路本地地址（{{address}}），不允许推送；如确需推送，请管理员在 CRM_WEBHOOK_ALLOWED_NETWORKS 中放行该网段。',
  },
});

defineProblemMembers({
  'WEBHOOK.TARGET_NOT_ALLOWED': { address: { type: 'string', description: 'The address the host resolved to.', example: '10.0.0.8' } },
});
