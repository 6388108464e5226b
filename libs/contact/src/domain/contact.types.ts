/** A contact's role at a customer [联系人角色]: decision maker (KP) [决策人], influencer [影响人], user, finance, other. */
export const CONTACT_ROLES = ['decision-maker', 'influencer', 'user', 'finance', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** Kinds of communication record kept on the person, wherever they work [沟通记录]. */
export const RECORD_KINDS = ['note', 'call', 'meeting', 'message', 'email', 'visit'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface ContactProfile {
  name: string;
  phones: string[];
  emails: string[];
  wechatId: string | null;
  title: string | null;
  notes: string | null;
}

export const CONTACT_FIELDS: readonly (keyof ContactProfile)[] = ['name', 'phones', 'emails', 'wechatId', 'title', 'notes'];
