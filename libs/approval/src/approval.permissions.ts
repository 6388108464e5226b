import { definePermissions } from '@crm/platform';

/** The Approval context's function permissions [功能权限]. */
export const APPROVAL_PERMISSIONS = definePermissions('approval', {
  'approval:decide': 'Approve or reject the approval steps you are an approver of [审批].',
  'approval:configure': 'Define approval processes: steps and approvers [审批流程配置].',
});
