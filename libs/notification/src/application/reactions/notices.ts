import { ApprovalEvents, type ApprovalEventV1 } from '@crm/contracts/approval';
import { ContractEvents } from '@crm/contracts/contract';
import type { UserDirectory } from '@crm/contracts/identity';
import { LeadEvents } from '@crm/contracts/lead';
import { PoolEvents } from '@crm/contracts/pool';
import { WebhookEvents } from '@crm/contracts/webhook';
import { zonedTime } from '@crm/kernel';
import type { EventEnvelope } from '@crm/platform';
import type { Notice } from '../../domain/notification-kinds.js';

const SUBJECTS: Record<string, string> = { 'claim-application': '客户申领', contract: '合同', order: '订单' };

function subjectOf(payload: ApprovalEventV1): string {
  return SUBJECTS[payload.subjectType] ?? payload.subjectType;
}

const approvalLink = (payload: ApprovalEventV1) => `/api/v1/approvals/${payload.requestId}`;
const customerLink = (customerId: string) => `/api/v1/customers/${customerId}`;
const contractLink = (contractId: string) => `/api/v1/contracts/${contractId}`;

/**
 * What an event tells whom [消息提醒]; an event nobody needs to hear about gives no notice. Times in
 * the text are wall-clock times in the company's time zone (`timeZone`: AppConfig, CRM_TIMEZONE).
 */
export async function noticesFor(event: EventEnvelope, directory: UserDirectory, timeZone: string): Promise<Notice[]> {
  if (ApprovalEvents.requested.matches(event)) {
    const payload = event.payload;
    return [
      {
        kind: 'approval-pending',
        recipientIds: payload.firstStepApproverIds,
        title: `待审批：${subjectOf(payload)}`,
        body: `有一份${subjectOf(payload)}审批单等待您审批。`,
        link: approvalLink(payload),
      },
    ];
  }
  if (ApprovalEvents.stepApproved.matches(event)) {
    const payload = event.payload;
    return [
      {
        kind: 'approval-pending',
        recipientIds: payload.nextStepApproverIds,
        title: `待审批：${subjectOf(payload)}`,
        body: `${subjectOf(payload)}审批单已通过「${payload.stepName}」，等待您在「${payload.nextStepName}」审批。`,
        link: approvalLink(payload),
      },
    ];
  }
  if (ApprovalEvents.granted.matches(event)) {
    const payload = event.payload;
    return [
      {
        kind: 'approval-granted',
        recipientIds: [payload.applicantId],
        title: `审批通过：${subjectOf(payload)}`,
        body: `您提交的${subjectOf(payload)}审批单已审批通过。`,
        link: approvalLink(payload),
      },
    ];
  }
  if (ApprovalEvents.rejected.matches(event)) {
    const payload = event.payload;
    const reason = payload.reason ? `驳回理由：${payload.reason}` : '未填写驳回理由。';
    return [
      {
        kind: 'approval-rejected',
        recipientIds: [payload.applicantId],
        title: `审批驳回：${subjectOf(payload)}`,
        body: `您提交的${subjectOf(payload)}审批单在「${payload.stepName}」被驳回。${reason}`,
        link: approvalLink(payload),
      },
    ];
  }
  if (PoolEvents.customerTransferred.matches(event)) {
    const payload = event.payload;
    return [
      {
        kind: 'customer-transferred',
        recipientIds: [payload.toUserId],
        title: '客户转入',
        body: `有一位客户已转移给您跟进。转移原因：${payload.reason}`,
        link: customerLink(payload.customerId),
      },
    ];
  }
  if (PoolEvents.recycleReminder.matches(event)) {
    const payload = event.payload;
    const day = payload.recycleAt.slice(0, 10);
    return [
      {
        kind: 'recycle-reminder',
        recipientIds: payload.holderIds,
        title: '客户即将回收',
        body: `您保护的客户长期未跟进，将于 ${day} 掉入公海，请尽快跟进。`,
        link: customerLink(payload.customerId),
      },
    ];
  }
  if (WebhookEvents.subscriptionDisabled.matches(event)) {
    const payload = event.payload;
    return [
      {
        kind: 'webhook-disabled',
        recipientIds: await directory.userIdsWithRole('admin'),
        title: 'Webhook 推送已停用',
        body: `Webhook 订阅 ${payload.url} 持续推送失败，已自动停用。请检查接收方后重新启用，并按需重新推送失败的记录。`,
        link: `/api/v1/webhook-subscriptions/${payload.subscriptionId}`,
      },
    ];
  }
  if (ContractEvents.endingSoon.matches(event)) {
    const payload = event.payload;
    return [
      {
        kind: 'contract-ending',
        recipientIds: [payload.ownerId],
        title: '合同即将到期',
        body: `合同 ${payload.number}「${payload.name}」将于 ${payload.endDate} 到期（还有 ${payload.daysLeft} 天），请跟进续约。`,
        link: contractLink(payload.contractId),
      },
    ];
  }
  if (ContractEvents.instalmentDue.matches(event) || ContractEvents.instalmentOverdue.matches(event)) {
    const payload = event.payload;
    const overdue = ContractEvents.instalmentOverdue.matches(event);
    return [
      {
        kind: 'instalment-reminder',
        recipientIds: [payload.ownerId],
        title: overdue ? '回款已逾期' : '回款即将到期',
        body: `合同 ${payload.number} 第 ${payload.seq} 期回款 ${payload.amount} ${payload.currency}${overdue ? '已于' : '将于'} ${payload.dueDate} 到期，请跟进回款。`,
        link: contractLink(payload.contractId),
      },
    ];
  }
  if (LeadEvents.recycleReminderV2.matches(event)) {
    const payload = event.payload;
    // In the company's time zone, to the minute: 2026-11-26 09:30.
    const recycleAt = zonedTime(new Date(payload.recycleAt), timeZone);
    const at = `${recycleAt.date} ${recycleAt.minute}`;
    const notConverted = payload.rule === 'not-converted';
    return [
      {
        kind: 'lead-recycle-reminder',
        recipientIds: [payload.ownerId],
        title: notConverted ? '线索即将到达转化期限' : '线索即将回收',
        body: notConverted
          ? `您负责的线索尚未转化，转化期限为 ${at}，届时将被回收到线索池，请尽快推进转化。`
          : `您负责的线索尚未跟进，将于 ${at} 被回收到线索池，请尽快跟进。`,
        link: `/api/v1/leads/${payload.leadId}`,
      },
    ];
  }
  return [];
}
