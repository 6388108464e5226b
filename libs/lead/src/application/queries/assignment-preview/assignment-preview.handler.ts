import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assignmentFairness } from '../../../domain/assignment-fairness.js';
import { capacityOf, leadFacts, type LeadFacts } from '../../../domain/lead-assignment.js';
import { assigneesOf } from '../../../domain/lead-pool.js';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { CampaignErrors } from '../../../domain/campaign.js';
import { scoreLead } from '../../../domain/scoring.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { AssignmentStore } from '../../../infrastructure/assignment-store.js';
import { LeadPoolRepository, type LeadPoolRecord } from '../../../infrastructure/lead-pool.repository.js';
import { profileOf } from '../../../infrastructure/lead-row.js';
import { LeadAccess } from '../../lead-access.js';
import { LeadAssigner } from '../../lead-assigner.js';
import { LeadReader } from '../lead-reader.js';
import {
  AssignmentStatsQuery,
  PreviewAssignmentQuery,
  type AssignmentPreviewView,
  type AssignmentStatsView,
  type PreviewSubject,
} from './assignment-preview.query.js';
import type { Actor } from '@crm/platform';

async function visiblePool(pools: LeadPoolRepository, access: LeadAccess, actor: Actor, poolId: string) {
  const pool = await pools.find(poolId);
  const reach = await access.reachOf(actor);
  if (!pool || !reach.seesPool(pool.path)) throw LeadPoolErrors.notFound();
  return { pool, reach };
}

@QueryHandler(PreviewAssignmentQuery)
export class PreviewAssignmentHandler implements IQueryHandler<PreviewAssignmentQuery> {
  constructor(
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly reader: LeadReader,
    private readonly assigner: LeadAssigner,
    private readonly scoringRules: LeadScoringRules,
  ) {}

  async execute({ actor, poolId, subject }: PreviewAssignmentQuery): Promise<AssignmentPreviewView> {
    const { pool } = await visiblePool(this.pools, this.access, actor, poolId);
    const facts = await this.factsOf(actor, subject);
    const { decision, people } = await this.assigner.preview(pool, facts);
    const skips = new Map((decision?.skipped ?? []).map((skip) => [skip.id, skip.reason]));
    const considered = new Set(decision?.candidates ?? []);
    return {
      poolId: pool.id,
      poolStrategy: pool.rules.assignmentStrategy,
      automatic: decision !== null,
      leadId: 'leadId' in subject ? subject.leadId : null,
      facts,
      matchedRule: decision?.ruleId ? { id: decision.ruleId, index: pool.rules.assignmentRules.findIndex((rule) => rule.id === decision.ruleId) } : null,
      misses: (decision?.misses ?? []).map((miss) => ({
        ruleId: miss.ruleId,
        fact: miss.failed.fact,
        op: miss.failed.op,
        actual: miss.actual === null || miss.actual === undefined ? null : String(miss.actual),
      })),
      strategy: decision && (decision.ruleId !== null || !isRulesPool(pool)) ? decision.strategy : null,
      assigneeId: decision?.ownerId ?? null,
      outcome: outcomeOf(pool, decision),
      candidates: people
        .filter((person) => considered.has(person.userId))
        .map(({ unavailable: _, ...person }) => ({ ...person, skipped: skips.get(person.userId) ?? null })),
      skipped: [...skips].map(([userId, reason]) => ({ userId, reason })),
    };
  }

  /** A lead's facts as stored (its own score and grade), or a capture's: scored with the rules in force, no behaviour yet. */
  private async factsOf(actor: Actor, subject: PreviewSubject): Promise<LeadFacts> {
    if ('leadId' in subject) {
      const row = await this.reader.visibleRow(actor, subject.leadId);
      return leadFacts(profileOf(row), { score: row.score, grade: row.grade });
    }
    const rules = await this.scoringRules.current();
    const scored = scoreLead({ profile: subject.profile, activities: [], lastCall: null, rules: rules.rules, now: new Date() });
    return leadFacts(subject.profile, { score: subject.score ?? scored.score, grade: subject.grade ?? scored.grade });
  }
}

function isRulesPool(pool: LeadPoolRecord): boolean {
  return pool.rules.assignmentStrategy === 'by-rules' || pool.rules.assignmentStrategy === 'by-region';
}

function outcomeOf(pool: LeadPoolRecord, decision: { ownerId: string | null; ruleId: string | null } | null): AssignmentPreviewView['outcome'] {
  if (!decision) return 'pool-does-not-assign';
  if (decision.ownerId) return 'assigned';
  return isRulesPool(pool) && decision.ruleId === null ? 'no-rule-matched' : 'nobody-free';
}

@QueryHandler(AssignmentStatsQuery)
export class AssignmentStatsHandler implements IQueryHandler<AssignmentStatsQuery> {
  constructor(
    private readonly pools: LeadPoolRepository,
    private readonly access: LeadAccess,
    private readonly store: AssignmentStore,
  ) {}

  async execute({ actor, poolId, from, to }: AssignmentStatsQuery): Promise<AssignmentStatsView> {
    if (to < from) throw CampaignErrors.periodReversed();
    const { pool, reach } = await visiblePool(this.pools, this.access, actor, poolId);
    if (!reach.managesPool(pool.path)) throw LeadPoolErrors.notAdmin();
    const eligible = new Set([...pool.memberIds, ...assigneesOf(pool.rules)]);
    const counts = await this.store.assignedInPeriod(pool.id, from, to);
    const people = [...new Set([...eligible, ...counts.keys()])];
    const loads = await this.store.openLoads(pool.id, people);
    const fairness = assignmentFairness(
      people.map((userId) => ({
        userId,
        eligible: eligible.has(userId),
        ...(counts.get(userId) ?? { auto: 0, manual: 0, claim: 0 }),
        openLeads: loads.get(userId) ?? 0,
        capacity: capacityOf(pool.rules, userId),
      })),
    );
    return { poolId: pool.id, from, to, ...fairness };
  }
}
