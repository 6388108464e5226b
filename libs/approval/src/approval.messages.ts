import { defineMessages } from '@crm/platform';

/** Chinese messages for the Approval context's problem codes. */
defineMessages({
  'APPROVAL.NOT_FOUND': { 'zh-CN': '审批单不存在（或您不是相关人）。' },
  'APPROVAL.CLOSED': { 'zh-CN': '审批单已结束（状态：{{requestStatus}}）。' },
  'APPROVAL.NOT_AN_APPROVER': { 'zh-CN': '您不是当前步骤的审批人。' },
  'APPROVAL.ALREADY_DECIDED': { 'zh-CN': '您已对当前步骤作出决定。' },
  'APPROVAL.REASON_REQUIRED': { 'zh-CN': '驳回需要填写理由。' },
  'APPROVAL.NOT_APPLICANT': { 'zh-CN': '只有申请人可以撤回审批单。' },
  'APPROVAL.NO_PROCESS': { 'zh-CN': '该类业务尚未配置审批流程（{{message}}）' },
  'APPROVAL.NO_APPROVER': { 'zh-CN': '某一步骤找不到审批人，请设置默认审批人。' },
  'APPROVAL.INVALID_PROCESS': { 'zh-CN': '审批流程设置无效（{{message}}）' },
});
