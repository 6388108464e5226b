import { matchRule, pickAssignee, type Candidate, type Facts, type PickStrategy, type RuleMiss, type SkippedCandidate } from '@crm/kernel';
import type { LeadPoolRules } from './lead-pool.js';
import type { LeadProfile } from './lead.types.js';

/**
 * Automatic assignment of a lead in a pool [自动分配] (LEAD-5), as a pure decision over the pool's
 * rules, its members, their open loads and the persisted round-robin cursors. The kernel's
 * assignment machinery does the matching and the picking; this names the lead's facts and the
 * candidates, and keeps everything needed to explain the decision.
 */

/** The facts rules may test: where the lead is from, what it is, how it scores. */
export type LeadFacts = {
  region: string | null;
  province: string | null;
  city: string | null;
  industry: string | null;
  channel: string | null;
  campaign: string | null;
  utmSource: string | null;
  type: 'company' | 'person';
  grade: string;
  score: number;
};

export function leadFacts(profile: LeadProfile, scoring: { score: number; grade: string }): LeadFacts {
  return {
    region: profile.province,
    province: profile.province,
    city: profile.city,
    industry: profile.industry,
    channel: profile.channel,
    campaign: profile.campaign,
    utmSource: profile.utmSource,
    type: profile.companyName ? 'company' : 'person',
    grade: scoring.grade,
    score: scoring.score,
  };
}

/** Whether the pool hands out its new leads by itself (else they wait in the pool: manual or grab). */
export function assignsAutomatically(rules: LeadPoolRules): boolean {
  return rules.assignmentStrategy !== 'manual' && rules.assignmentStrategy !== 'grab';
}

export interface AssignmentDecision {
  /** The chosen owner; null when no entry matched or nobody was free. */
  ownerId: string | null;
  /** The rule entry that matched (`by-rules`), or null. */
  ruleId: string | null;
  strategy: PickStrategy;
  /** The key under which the round-robin cursor of this choice is kept (`*` or the rule id). */
  cursorKey: string;
  /** The cursor to store when the assignment is saved. */
  cursor: string | null;
  candidates: string[];
  skipped: SkippedCandidate[];
  /** Entries tried before the match, with the condition that failed. */
  misses: RuleMiss[];
}

/** A person's capacity in this pool: their own limit, else the pool's `maxHeld`, else none. */
export function capacityOf(rules: LeadPoolRules, userId: string): number | null {
  return rules.memberCapacity[userId] ?? rules.maxHeld;
}

export function decideAssignment(input: {
  rules: LeadPoolRules;
  memberIds: readonly string[];
  facts: Facts;
  /** Open leads each candidate holds in this pool. */
  loads: ReadonlyMap<string, number>;
  /** Round-robin cursors of the pool by key. */
  cursors: Readonly<Record<string, string>>;
  /** Candidates to pass over and why (inactive, on leave…). */
  unavailable?: ReadonlyMap<string, string>;
}): AssignmentDecision | null {
  const { rules } = input;
  if (!assignsAutomatically(rules)) return null;
  let people: readonly string[] = input.memberIds;
  let strategy: PickStrategy = rules.assignmentStrategy === 'by-load' ? 'least-busy' : 'round-robin';
  let ruleId: string | null = null;
  let misses: RuleMiss[] = [];
  if (rules.assignmentStrategy === 'by-rules' || rules.assignmentStrategy === 'by-region') {
    const match = matchRule(rules.assignmentRules, input.facts);
    misses = [...match.misses];
    if (!match.rule) return { ownerId: null, ruleId: null, strategy, cursorKey: '*', cursor: null, candidates: [], skipped: [], misses };
    ruleId = match.rule.id;
    strategy = match.rule.then.strategy;
    if (match.rule.then.assigneeIds.length > 0) people = match.rule.then.assigneeIds;
  }
  const cursorKey = ruleId ?? '*';
  const candidates: Candidate[] = people.map((id) => ({
    id,
    load: input.loads.get(id) ?? 0,
    capacity: capacityOf(rules, id),
    weight: rules.memberWeights[id] ?? 1,
    unavailable: input.unavailable?.get(id) ?? null,
  }));
  const pick = pickAssignee({ strategy, candidates, cursor: input.cursors[cursorKey] ?? null });
  return {
    ownerId: pick.assigneeId,
    ruleId,
    strategy,
    cursorKey,
    cursor: pick.cursor,
    candidates: [...new Set(people)],
    skipped: [...pick.skipped],
    misses,
  };
}
