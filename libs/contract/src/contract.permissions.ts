import { definePermissions } from '@crm/platform';

/** Function permissions [功能权限] on contracts; data scope decides which contracts. */
export const CONTRACT_PERMISSIONS = definePermissions('contract', {
  'contract:read': 'See contracts [查看合同] in your data scope: terms, versions and change records, payment plans, attachments.',
  'contract:create': 'Draft contracts [新建合同] for customers you work, from scratch or from a won opportunity.',
  'contract:update':
    'Edit drafts, submit them for approval [提交审批], activate approved contracts, complete them, propose changes [合同变更] and upload attachments, on contracts in your scope.',
  'contract:manage': 'Suspend, resume, void [作废] and archive [归档] contracts in your scope.',
  'contract:configure': 'Configure the contract number pattern [合同编号规则] and reminder lead times.',
});
