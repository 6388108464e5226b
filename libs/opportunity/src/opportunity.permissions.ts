import { definePermissions } from '@crm/platform';

/** The Opportunity context's function permissions [功能权限]; data scope and collaboration decide which opportunities. */
export const OPPORTUNITY_PERMISSIONS = definePermissions('opportunity', {
  'opportunity:read': 'See opportunities [查看商机] in your data scope or that you collaborate on, pipelines and loss reasons.',
  'opportunity:create': 'Open opportunities [新建商机] on customers you work.',
  'opportunity:update': 'Change opportunities you may change: fields, products, competitors, stages, visits, collaborators [编辑商机].',
  'opportunity:manage':
    'Configure pipelines [销售流程] and loss reasons [输单原因]; transfer opportunities in your scope [商机转派]; adjust the forecast [预测调整] of people in your scope.',
  'opportunity:snapshot-forecasts': 'Take the weekly forecast snapshot [预测快照] now (the scheduler takes it every week; twice in a week is a no-op).',
});
