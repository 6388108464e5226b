import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@crm/contracts/identity';
import type { Lead } from '../domain/lead.aggregate.js';
import type { Facts } from '@crm/kernel';
import { assignsAutomatically, capacityOf, decideAssignment, leadFacts, type AssignmentDecision } from '../domain/lead-assignment.js';
import { assigneesOf } from '../domain/lead-pool.js';
import type { LeadPoolRecord } from '../infrastructure/lead-pool.repository.js';
import { AssignmentStore } from '../infrastructure/assignment-store.js';

/** A dry run's answer: the decision, and the people it weighed with their load, capacity and weight. */
export interface AssignmentPreview {
  decision: AssignmentDecision | null;
  people: { userId: string; load: number; capacity: number | null; weight: number; unavailable: string | null }[];
}

/**
 * Automatic assignment of new leads by their pool's rules [自动分配]: takes the pool's turn (its
 * cursor row, locked until commit), counts the candidates' open leads, decides with the kernel's
 * rules and pickers, and gives the lead its owner. The cursor is stored only once the lead is.
 */
@Injectable()
export class LeadAssigner {
  constructor(
    private readonly store: AssignmentStore,
    private readonly users: UserDirectory,
  ) {}

  /** Decides and assigns; answers the decision (null when the pool does not assign by itself). */
  async assign(lead: Lead, pool: LeadPoolRecord, by: string, now: Date): Promise<AssignmentDecision | null> {
    if (!assignsAutomatically(pool.rules)) return null;
    const cursors = await this.store.lockPool(pool.id);
    const { loads, unavailable } = await this.candidatesOf(pool);
    const decision = decideAssignment({
      rules: pool.rules,
      memberIds: pool.memberIds,
      facts: leadFacts(lead.profile, lead.scoring),
      loads,
      cursors,
      unavailable,
    });
    if (decision?.ownerId) {
      lead.assign({
        ownerId: decision.ownerId,
        how: 'auto',
        by,
        now,
        ruleId: decision.ruleId,
        strategy: decision.strategy,
        candidates: decision.candidates,
        skipped: decision.skipped,
        reason: decision.ruleId ? `rule ${decision.ruleId}` : pool.rules.assignmentStrategy,
      });
    }
    return decision;
  }

  /**
   * Assigns a batch of new leads (an import) in one turn of the pool: loads and cursors are kept
   * in memory as the batch goes, so capacity and round-robin see the batch's own assignments.
   * Answers the cursors to store once the leads are (null when the pool does not assign by itself).
   */
  async assignMany(leads: readonly Lead[], pool: LeadPoolRecord, by: string, now: Date): Promise<Record<string, string> | null> {
    if (!assignsAutomatically(pool.rules) || leads.length === 0) return null;
    const cursors = { ...(await this.store.lockPool(pool.id)) };
    const { loads, unavailable } = await this.candidatesOf(pool);
    for (const lead of leads) {
      const decision = decideAssignment({
        rules: pool.rules,
        memberIds: pool.memberIds,
        facts: leadFacts(lead.profile, lead.scoring),
        loads,
        cursors,
        unavailable,
      });
      if (!decision?.ownerId) continue;
      lead.assign({
        ownerId: decision.ownerId,
        how: 'auto',
        by,
        now,
        ruleId: decision.ruleId,
        strategy: decision.strategy,
        candidates: decision.candidates,
        skipped: decision.skipped,
        reason: decision.ruleId ? `rule ${decision.ruleId}` : pool.rules.assignmentStrategy,
      });
      loads.set(decision.ownerId, (loads.get(decision.ownerId) ?? 0) + 1);
      if (decision.cursor) cursors[decision.cursorKey] = decision.cursor;
    }
    return cursors;
  }

  /**
   * The dry run [分配预演]: the decision `assign` would take now for a lead with these facts, from
   * the same rules, loads and cursors, without taking the pool's turn or changing anything. Also
   * answers every candidate's load, capacity and weight, so each skip can be read.
   */
  async preview(pool: LeadPoolRecord, facts: Facts): Promise<AssignmentPreview> {
    const { people, loads, unavailable } = await this.candidatesOf(pool);
    const cursors = await this.store.cursorsOf(pool.id);
    const decision = decideAssignment({ rules: pool.rules, memberIds: pool.memberIds, facts, loads, cursors, unavailable });
    return {
      decision,
      people: people.map((id) => ({
        userId: id,
        load: loads.get(id) ?? 0,
        capacity: capacityOf(pool.rules, id),
        weight: pool.rules.memberWeights[id] ?? 1,
        unavailable: unavailable.get(id) ?? null,
      })),
    };
  }

  /** Everyone the pool may hand leads to (members and the people its rules name), their open loads, and who is inactive. */
  private async candidatesOf(pool: LeadPoolRecord): Promise<{ people: string[]; loads: Map<string, number>; unavailable: Map<string, string> }> {
    const people = [...new Set([...pool.memberIds, ...assigneesOf(pool.rules)])];
    const active = new Set(await this.users.activeUserIds(people));
    const unavailable = new Map(people.filter((id) => !active.has(id)).map((id) => [id, 'inactive']));
    return { people, loads: await this.store.openLoads(pool.id, people), unavailable };
  }

  async saveCursors(poolId: string, cursors: Record<string, string> | null): Promise<void> {
    await this.store.saveCursors(poolId, cursors ?? {});
  }

  /** After the lead is stored: the pool's cursor moves to the one just assigned. */
  async commit(poolId: string, decision: AssignmentDecision | null): Promise<void> {
    if (decision?.ownerId && decision.cursor) await this.store.saveCursors(poolId, { [decision.cursorKey]: decision.cursor });
  }
}
