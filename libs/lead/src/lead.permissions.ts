import { definePermissions } from '@crm/platform';

/** The Lead context's function permissions [功能权限]; pools and data scope decide which leads they reach. */
export const LEAD_PERMISSIONS = definePermissions('lead', {
  'lead:read': 'See leads of your pools and data scope, their scores and history [查看线索].',
  'lead:create': 'Capture leads into your pools [录入线索].',
  'lead:update': 'Edit leads, record their behaviour and call outcomes, move them between pools you admin [跟进线索].',
  'lead:ingest': 'Send lead behaviour in batches from tracking systems, matched by mobile, e-mail or visitor id [行为数据接入].',
  'lead:manage': 'Create and change lead pools you admin; edit the scoring rules [线索池与评分规则管理].',
});
