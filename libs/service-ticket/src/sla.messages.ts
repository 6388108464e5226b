import { defineMessages } from '@crm/platform';

/** Chinese messages for the business calendars' and SLA policies' problem codes. */
defineMessages({
  'BUSINESS_CALENDAR.NOT_FOUND': { 'zh-CN': '工作日历不存在。' },
  'BUSINESS_CALENDAR.INVALID': { 'zh-CN': '工作日历设置无效（{{message}}）' },
  'SLA_POLICY.NOT_FOUND': { 'zh-CN': 'SLA 策略不存在。' },
  'SLA_POLICY.INVALID': { 'zh-CN': 'SLA 策略设置无效（{{message}}）' },
});
