import { definePermissions } from '@crm/platform';

/** The ServiceTicket context's function permissions for tickets [功能权限]. */
export const TICKET_PERMISSIONS = definePermissions('ticket', {
  'ticket:read': "Read tickets [查看工单]: your team's, those you handle, filed or go on site for; supervisors by their data scope.",
  'ticket:create': 'File tickets [建单] for customers you can see, and issue self-service tokens [自助服务] to their contacts.',
  'ticket:work': 'Handle tickets [处理工单]: records, status, grab from the team queue [抢单], transfer [转派], escalate [升级], field work orders [现场工单].',
  'ticket:assign': 'Assign tickets to any team or agent by hand [手动分派].',
  'ticket:supervise': 'Supervise tickets [工单主管]: see tickets by data scope, override eligibility [资格特批].',
  'ticket:configure': 'Configure ticket types [工单类型], assignment rules [分派规则] and agent capacity.',
});
