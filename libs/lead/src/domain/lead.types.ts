/** Value types of the Lead context [线索]. */

/**
 * open: being worked; converting: its new customer waits for an approver to let the converter hold it
 * [转化待审批], the rest of the conversion follows the approval; converted: became a customer (later);
 * closed: given up [关闭].
 */
export const LEAD_STATUSES = ['open', 'converting', 'converted', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * Why a lead was closed [关闭原因]: not a real prospect [无效线索], the same as another [重复线索],
 * no need [无需求], cannot be reached [联系不上], or something else (a note says what).
 */

/**
 * Behaviour [行为] that arrives as activities: a page view, a mini-program visit [小程序], an H5
 * micro-page opened, a live stream watched [直播], a form submitted [留资], an e-mail opened, a
 * call-centre outcome [外呼结果], and a duplicate submission merged into the lead [重复留资].
 */
export const ACTIVITY_KINDS = [
  'page-view',
  'mini-program-visit',
  'h5-open',
  'live-stream',
  'form-submit',
  'email-open',
  'call-outcome',
  'resubmission',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What a call-centre call came to [外呼结果]. */
export const CALL_OUTCOMES = ['connected', 'interested', 'not-interested', 'wrong-number', 'call-back'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The lead's fields attribute rules may test. */
export const LEAD_ATTRIBUTES = [
  'personName',
  'mobile',
  'email',
  'companyName',
  'title',
  'province',
  'city',
  'industry',
  'channel',
  'campaign',
  'utmSource',
  'utmMedium',
  'utmCampaign',
] as const;
export type LeadAttribute = (typeof LEAD_ATTRIBUTES)[number];

/** Who the lead is [联系人信息] and where it came from [来源]: everything capture takes and PATCH edits. */
export interface LeadProfile {
  personName: string | null;
  mobile: string | null;
  email: string | null;
  companyName: string | null;
  title: string | null;
  province: string | null;
  city: string | null;
  industry: string | null;
  /** Channel [渠道], e.g. baidu-sem, wechat, exhibition, referral. */
  channel: string | null;
  /** Campaign [活动] code or name. */
  campaign: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  notes: string | null;
}

export const PROFILE_FIELDS: readonly (keyof LeadProfile)[] = [...LEAD_ATTRIBUTES, 'notes'];

/** A profile with nothing known yet, for a lead made from behaviour alone. */
export function emptyProfile(): LeadProfile {
  return {
    personName: null,
    mobile: null,
    email: null,
    companyName: null,
    title: null,
    province: null,
    city: null,
    industry: null,
    channel: null,
    campaign: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    notes: null,
  };
}

/** One behaviour of the lead, as scoring sees it. */
export interface ScoredActivity {
  kind: ActivityKind;
  occurredAt: Date;
}

/** The lead's latest call-centre outcome, which call-outcome rules test. */
export interface LastCall {
  outcome: CallOutcome;
  at: Date;
}
