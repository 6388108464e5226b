import { definePermissions } from '@crm/platform';

/** The Customer context's function permissions [功能权限]; roles grant them, data scope limits them. */
export const CUSTOMER_PERMISSIONS = definePermissions('customer', {
  'customer:read': 'See customers in your data scope and the public pool, their follow-ups, timeline, tags and groups [查看客户].',
  'customer:create': 'Create customers, for yourself or users in your scope [新建客户].',
  'customer:update': 'Edit customers you hold (or your scope holds), tag them, change group members [编辑客户].',
  'customer:follow-up': 'Record follow-ups on customers you hold [跟进].',
  'customer:configure': 'Configure grade rules, tags, groups and segments [客户配置].',
});
