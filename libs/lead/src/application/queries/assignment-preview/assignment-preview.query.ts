import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { PoolFairness } from '../../../domain/assignment-fairness.js';
import type { LeadFacts } from '../../../domain/lead-assignment.js';
import type { LeadProfile } from '../../../domain/lead.types.js';

/** The facts a dry run is about: a lead in the caller's reach, or facts as a capture would give them. */
export type PreviewSubject = { leadId: string } | { profile: LeadProfile; score: number | null; grade: string | null };

export interface AssignmentPreviewView {
  poolId: string;
  /** The pool's strategy; `manual` and `grab` leave new leads waiting in the pool. */
  poolStrategy: string;
  automatic: boolean;
  leadId: string | null;
  facts: LeadFacts;
  /** The entry of `assignmentRules` that matched (by-rules), with its position. */
  matchedRule: { id: string; index: number } | null;
  /** Entries tried before it and the condition each failed on. */
  misses: { ruleId: string; fact: string; op: string; actual: string | null }[];
  /** How the assignee is picked among the candidates (round-robin, least-busy, weighted). */
  strategy: string | null;
  assigneeId: string | null;
  /** `assigned`, or why the lead would wait in the pool: `pool-does-not-assign`, `no-rule-matched`, `nobody-free`. */
  outcome: 'assigned' | 'pool-does-not-assign' | 'no-rule-matched' | 'nobody-free';
  candidates: { userId: string; load: number; capacity: number | null; weight: number; skipped: string | null }[];
  skipped: { userId: string; reason: string }[];
}

/** Runs a pool's assignment rules for a lead as a dry run [分配预演]: nothing changes. */
export class PreviewAssignmentQuery extends Query<AssignmentPreviewView> {
  constructor(
    readonly actor: Actor,
    readonly poolId: string,
    readonly subject: PreviewSubject,
  ) {
    super();
  }
}

export type AssignmentStatsView = PoolFairness & { poolId: string; from: string; to: string };

/** Per person of a pool: leads given in the period, share, deviation from the fair share, capacity used [分配公平度]. */
export class AssignmentStatsQuery extends Query<AssignmentStatsView> {
  constructor(
    readonly actor: Actor,
    readonly poolId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}
