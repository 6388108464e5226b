/**
 * The kinds of notification [消息提醒] a user can receive, each with an English code (stable, in
 * the API and the preferences) and the Chinese label the inbox shows.
 */
export const NOTIFICATION_KINDS = {
  'approval-pending': '待审批',
  'approval-granted': '审批通过',
  'approval-rejected': '审批驳回',
  'customer-transferred': '客户转入',
  'recycle-reminder': '回收提醒',
  'webhook-disabled': '推送停用',
  'contract-ending': '合同到期',
  'instalment-reminder': '回款提醒',
  'lead-recycle-reminder': '线索回收提醒',
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const ALL_NOTIFICATION_KINDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** What one event tells one or more people: the same text, link and kind for each recipient. */
export interface Notice {
  kind: NotificationKind;
  recipientIds: string[];
  title: string;
  body: string;
  /** The resource the notification is about, as an API path. */
  link: string;
}

/** Recipients once each, without the person who caused the event (nobody is told about their own action). */
export function recipients(ids: readonly string[], actorId: string | null): string[] {
  return [...new Set(ids)].filter((id) => id !== actorId);
}
