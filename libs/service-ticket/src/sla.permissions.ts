import { definePermissions } from '@crm/platform';

/** Business calendars' and SLA policies' function permissions [功能权限]. */
export const SLA_PERMISSIONS = definePermissions('sla', {
  'sla:read': 'See business calendars and SLA policies [查看工作日历与SLA].',
  'sla:configure': 'Define business calendars, holidays and make-up days, and SLA policies [配置工作日历与SLA].',
});
