/**
 * SLA policies [服务级别协议]: which tickets a policy covers (priority, ticket type, customer grade,
 * contract; an empty list matches anything) and its targets in business minutes. When several
 * policies match a ticket, each target takes the earliest deadline among them (as Odoo does).
 */
export interface SlaPolicy {
  id: string;
  name: string;
  priorities: string[];
  ticketTypeIds: string[];
  customerGrades: string[];
  contractIds: string[];
  /** First response [首次响应] within this many business minutes. */
  firstResponseMinutes: number;
  /** Resolution [解决] within this many business minutes. */
  resolutionMinutes: number;
  /** A warning is raised when this share of a target has elapsed (80: at 80 %). */
  warningPercent: number;
  active: boolean;
  version: number;
}

/** What a policy matches a ticket on. */
export interface TicketSlaFacts {
  priority: string | null;
  /** The ticket's type and the types above it [多级分类]: a policy on a parent type covers its sub-types. */
  ticketTypeIds: string[];
  customerGrade: string | null;
  contractId: string | null;
}

export const SLA_METRICS = ['first-response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export function policyMatches(policy: SlaPolicy, ticket: TicketSlaFacts): boolean {
  const covers = (values: string[], value: string | null) => values.length === 0 || (value !== null && values.includes(value));
  return (
    policy.active &&
    covers(policy.priorities, ticket.priority) &&
    (policy.ticketTypeIds.length === 0 || ticket.ticketTypeIds.some((typeId) => policy.ticketTypeIds.includes(typeId))) &&
    covers(policy.customerGrades, ticket.customerGrade) &&
    covers(policy.contractIds, ticket.contractId)
  );
}

/** One metric's target as the policy that gives it states it. */
export interface MetricTarget {
  metric: SlaMetric;
  policyId: string;
  minutes: number;
  warningPercent: number;
}

export function targetOf(policy: SlaPolicy, metric: SlaMetric): MetricTarget {
  return {
    metric,
    policyId: policy.id,
    minutes: metric === 'first-response' ? policy.firstResponseMinutes : policy.resolutionMinutes,
    warningPercent: policy.warningPercent,
  };
}

/** Why a policy cannot be saved, or null. */
export function policyProblem(policy: Pick<SlaPolicy, 'firstResponseMinutes' | 'resolutionMinutes' | 'warningPercent'>): string | null {
  if (policy.firstResponseMinutes > policy.resolutionMinutes) return 'The first response target cannot be later than the resolution target.';
  if (policy.warningPercent < 1 || policy.warningPercent > 99) return 'The warning threshold is a percentage from 1 to 99.';
  return null;
}
