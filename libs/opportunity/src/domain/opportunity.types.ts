/** Value types of the Opportunity context [商机]; plain data, shared by the aggregate, the API and the events. */

/** A first sale, or a follow-on sale to a customer we already won [续费 / 增购] (OPP-1: a new opportunity each time). */
export const OPPORTUNITY_TYPES = ['new', 'renewal', 'upsell'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

/** Follow-up status lives on the opportunity (OPP-1): open until it reaches the won [赢单] or lost [输单] stage. */
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** Each pipeline has open stages, then exactly one won and one lost stage. */
export const STAGE_OUTCOMES = ['open', 'won', 'lost'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

/** Forecast categories [预测类别]: how an opportunity in the stage counts in a forecast. */
export const FORECAST_CATEGORIES = ['pipeline', 'best-case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/** Fields a stage may require before an opportunity enters it [阶段准入条件]. */
export const REQUIRABLE_FIELDS = ['amount', 'expectedCloseDate', 'products', 'contacts'] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];

/** Visits and other activities [拜访记录]. */
export const ACTIVITY_TYPES = ['call', 'visit', 'meeting', 'demo'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const THREAT_LEVELS = ['low', 'medium', 'high'] as const;
export type ThreatLevel = (typeof THREAT_LEVELS)[number];

/** Collaborators [协作人] read, or read and change, an opportunity they do not own. */
export const COLLABORATOR_ACCESS = ['read', 'edit'] as const;
export type CollaboratorAccess = (typeof COLLABORATOR_ACCESS)[number];

/** Where the opportunity came from: entered by hand, or converted from a lead [线索] (filled by the Lead context). */
export const SOURCE_KINDS = ['manual', 'lead'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const DEFAULT_CURRENCY = 'CNY';
