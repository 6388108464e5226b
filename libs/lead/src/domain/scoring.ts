import { LeadErrors } from './lead.errors.js';
import {
  ACTIVITY_KINDS,
  CALL_OUTCOMES,
  LEAD_ATTRIBUTES,
  type ActivityKind,
  type CallOutcome,
  type LastCall,
  type LeadAttribute,
  type LeadProfile,
  type ScoredActivity,
} from './lead.types.js';

/**
 * Rule scoring [线索评分] and grading [线索等级] (LEAD-3, LEAD-4): rules are data marketing managers
 * edit; the score is the sum of what the rules that fire contribute, so every score can be
 * explained rule by rule. Pure: the same lead, activities, rules and time give the same result.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A field of the lead equals a value, is one of a list, or is filled in [属性规则]. */
export interface AttributeRule {
  id: string;
  name: string;
  kind: 'attribute';
  field: LeadAttribute;
  op: 'equals' | 'in' | 'present';
  value?: string;
  values?: string[];
  points: number;
}

/**
 * Activities of one kind within the last `withinDays` days [行为规则]: `points` per activity, at
 * most `cap` in all (default: |points|, so the rule counts once). Negative points lower the score.
 */
export interface BehaviourRule {
  id: string;
  name: string;
  kind: 'behaviour';
  activity: ActivityKind;
  withinDays: number;
  points: number;
  cap?: number;
  /** Tag the lead carries while the rule fires [自动标签]. */
  tag?: string;
}

/** The lead's latest call-centre outcome [外呼结果], optionally only when recent; typically heavier than the rest. */
export interface CallOutcomeRule {
  id: string;
  name: string;
  kind: 'call-outcome';
  outcome: CallOutcome;
  points: number;
  withinDays?: number;
  tag?: string;
}

export type ScoringRule = AttributeRule | BehaviourRule | CallOutcomeRule;

/** A grade [等级] and the lowest score that earns it. */
export interface GradeThreshold {
  grade: string;
  minScore: number;
}

export interface ScoringRules {
  rules: ScoringRule[];
  /** Highest first: the first threshold the score reaches gives the grade. */
  grades: GradeThreshold[];
  /** The grade below every threshold. */
  defaultGrade: string;
}

/** What one rule added to (or took from) the score, and why. */
export interface Contribution {
  ruleId: string;
  ruleName: string;
  kind: ScoringRule['kind'];
  points: number;
  /** Behaviour rules: how many activities counted; `capped` when the cap cut the points. */
  count?: number;
  capped?: boolean;
}

export interface ScoreResult {
  score: number;
  grade: string;
  /** The rules that fired, in rule order. */
  contributions: Contribution[];
  /** Tags of the rules that fired, sorted. */
  tags: string[];
  /** When a counted activity (or the last call) leaves its window and the score may drop; null when none will. */
  nextRescoreAt: Date | null;
}

export interface ScoringInput {
  profile: Pick<LeadProfile, LeadAttribute>;
  /** The lead's activities (those older than the longest window may be left out). */
  activities: readonly ScoredActivity[];
  lastCall: LastCall | null;
  rules: ScoringRules;
  now: Date;
}

const comparable = (value: string) => value.normalize('NFKC').trim().toLowerCase();

function attributeFires(rule: AttributeRule, profile: ScoringInput['profile']): boolean {
  const value = profile[rule.field];
  if (value === null || value === undefined || value.trim() === '') return false;
  if (rule.op === 'present') return true;
  if (rule.op === 'equals') return comparable(value) === comparable(rule.value ?? '');
  return (rule.values ?? []).some((candidate) => comparable(candidate) === comparable(value));
}

/** Scores a lead: the contributions of every rule that fires, their sum, the grade and when to look again. */
export function scoreLead({ profile, activities, lastCall, rules, now }: ScoringInput): ScoreResult {
  const contributions: Contribution[] = [];
  const tags = new Set<string>();
  let nextRescoreAt: number | null = null;
  const expiresAt = (at: number) => {
    if (at > now.getTime() && (nextRescoreAt === null || at < nextRescoreAt)) nextRescoreAt = at;
  };
  for (const rule of rules.rules) {
    const base = { ruleId: rule.id, ruleName: rule.name, kind: rule.kind };
    if (rule.kind === 'attribute') {
      if (attributeFires(rule, profile)) contributions.push({ ...base, points: rule.points });
    } else if (rule.kind === 'behaviour') {
      const windowMs = rule.withinDays * DAY_MS;
      const counted = activities.filter((activity) => activity.kind === rule.activity && activity.occurredAt.getTime() + windowMs > now.getTime());
      if (counted.length === 0) continue;
      const cap = rule.cap ?? Math.abs(rule.points);
      const raw = Math.abs(rule.points) * counted.length;
      contributions.push({ ...base, points: Math.sign(rule.points) * Math.min(raw, cap), count: counted.length, capped: raw > cap });
      if (rule.tag) tags.add(rule.tag);
      for (const activity of counted) expiresAt(activity.occurredAt.getTime() + windowMs);
    } else {
      if (!lastCall || lastCall.outcome !== rule.outcome) continue;
      if (rule.withinDays !== undefined) {
        const until = lastCall.at.getTime() + rule.withinDays * DAY_MS;
        if (until <= now.getTime()) continue;
        expiresAt(until);
      }
      contributions.push({ ...base, points: rule.points });
      if (rule.tag) tags.add(rule.tag);
    }
  }
  const score = contributions.reduce((sum, contribution) => sum + contribution.points, 0);
  return {
    score,
    grade: gradeFor(score, rules),
    contributions,
    tags: [...tags].sort(),
    nextRescoreAt: nextRescoreAt === null ? null : new Date(nextRescoreAt),
  };
}

/** The first threshold (highest first) the score reaches, else the default grade. */
export function gradeFor(score: number, rules: Pick<ScoringRules, 'grades' | 'defaultGrade'>): string {
  return rules.grades.find((threshold) => score >= threshold.minScore)?.grade ?? rules.defaultGrade;
}

/** The longest window any rule looks back over, in days: activities older than that never count. */
export function longestWindowDays(rules: ScoringRules): number {
  return Math.max(0, ...rules.rules.map((rule) => (rule.kind === 'behaviour' ? rule.withinDays : 0)));
}

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MAX_RULES = 200;
const MAX_POINTS = 1000;

/** Checks what a schema cannot: unique ids, the fields each kind needs, caps, thresholds in order. */
export function checkScoringRules(rules: ScoringRules): ScoringRules {
  const invalid = (detail: string) => LeadErrors.invalidScoringRules(detail);
  if (rules.rules.length > MAX_RULES) throw invalid(`At most ${MAX_RULES} rules.`);
  const ids = new Set<string>();
  for (const rule of rules.rules) {
    if (!RULE_ID.test(rule.id)) throw invalid(`Rule id ${JSON.stringify(rule.id)} must be lower-case letters, digits and dashes.`);
    if (ids.has(rule.id)) throw invalid(`Rule id ${rule.id} is used twice.`);
    ids.add(rule.id);
    if (!rule.name.trim()) throw invalid(`Rule ${rule.id} needs a name.`);
    if (!Number.isInteger(rule.points) || rule.points === 0 || Math.abs(rule.points) > MAX_POINTS) {
      throw invalid(`Rule ${rule.id}: points must be a whole number from -${MAX_POINTS} to ${MAX_POINTS}, not 0.`);
    }
    if (rule.kind === 'attribute') {
      if (!LEAD_ATTRIBUTES.includes(rule.field)) throw invalid(`Rule ${rule.id}: unknown field ${String(rule.field)}.`);
      if (rule.op === 'equals' && !rule.value?.trim()) throw invalid(`Rule ${rule.id}: "equals" needs a value.`);
      if (rule.op === 'in' && !(rule.values ?? []).some((value) => value.trim())) throw invalid(`Rule ${rule.id}: "in" needs values.`);
    } else if (rule.kind === 'behaviour') {
      if (!ACTIVITY_KINDS.includes(rule.activity)) throw invalid(`Rule ${rule.id}: unknown activity ${String(rule.activity)}.`);
      if (!Number.isInteger(rule.withinDays) || rule.withinDays < 1 || rule.withinDays > 365) {
        throw invalid(`Rule ${rule.id}: withinDays must be a whole number from 1 to 365.`);
      }
      if (rule.cap !== undefined && (!Number.isInteger(rule.cap) || rule.cap < Math.abs(rule.points) || rule.cap > MAX_POINTS * 10)) {
        throw invalid(`Rule ${rule.id}: cap must be a whole number of at least |points| (${Math.abs(rule.points)}).`);
      }
    } else if (rule.kind === 'call-outcome') {
      if (!CALL_OUTCOMES.includes(rule.outcome)) throw invalid(`Rule ${rule.id}: unknown call outcome ${String(rule.outcome)}.`);
      if (rule.withinDays !== undefined && (!Number.isInteger(rule.withinDays) || rule.withinDays < 1 || rule.withinDays > 365)) {
        throw invalid(`Rule ${rule.id}: withinDays must be a whole number from 1 to 365.`);
      }
    } else {
      throw invalid(`Unknown rule kind ${String((rule as { kind: unknown }).kind)}.`);
    }
  }
  const grades = new Set<string>([rules.defaultGrade]);
  let previous = Number.POSITIVE_INFINITY;
  for (const threshold of rules.grades) {
    if (grades.has(threshold.grade)) throw invalid(`Grade ${threshold.grade} is given twice.`);
    grades.add(threshold.grade);
    if (!Number.isInteger(threshold.minScore) || threshold.minScore >= previous) {
      throw invalid('Grade thresholds must be whole numbers, highest first, each lower than the one before.');
    }
    previous = threshold.minScore;
  }
  return rules;
}

/** Two results the history should tell apart: a different score, grade, or set of rules that fired. */
export function sameScore(a: Pick<ScoreResult, 'score' | 'grade' | 'contributions'>, b: Pick<ScoreResult, 'score' | 'grade' | 'contributions'>): boolean {
  const key = (result: Pick<ScoreResult, 'contributions'>) => result.contributions.map((c) => `${c.ruleId}:${c.points}`).join('|');
  return a.score === b.score && a.grade === b.grade && key(a) === key(b);
}
