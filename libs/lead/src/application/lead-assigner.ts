import { Injectable } from '@nestjs/common';
import { UserDirectory } from '@crm/contracts/identity';
import type { Lead } from '../domain/lead.aggregate.js';
import { assignsAutomatically, decideAssignment, leadFacts, type AssignmentDecision } from '../domain/lead-assignment.js';
import type { LeadPoolRecord } from '../infrastructure/lead-pool.repository.js';
import { AssignmentStore } from '../infrastructure/assignment-store.js';

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
    const people = [...new Set([...pool.memberIds, ...pool.rules.assignmentRules.flatMap((rule) => rule.then.assigneeIds)])];
    const active = new Set(await this.users.activeUserIds(people));
    const unavailable = new Map(people.filter((id) => !active.has(id)).map((id) => [id, 'inactive']));
    const decision = decideAssignment({
      rules: pool.rules,
      memberIds: pool.memberIds,
      facts: leadFacts(lead.profile, lead.scoring),
      loads: await this.store.openLoads(pool.id, people),
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
    const people = [...new Set([...pool.memberIds, ...pool.rules.assignmentRules.flatMap((rule) => rule.then.assigneeIds)])];
    const active = new Set(await this.users.activeUserIds(people));
    const unavailable = new Map(people.filter((id) => !active.has(id)).map((id) => [id, 'inactive']));
    const loads = await this.store.openLoads(pool.id, people);
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

  async saveCursors(poolId: string, cursors: Record<string, string> | null): Promise<void> {
    for (const [key, cursor] of Object.entries(cursors ?? {})) await this.store.saveCursor(poolId, key, cursor);
  }

  /** After the lead is stored: the pool's cursor moves to the one just assigned. */
  async commit(poolId: string, decision: AssignmentDecision | null): Promise<void> {
    if (decision?.ownerId && decision.cursor) await this.store.saveCursor(poolId, decision.cursorKey, decision.cursor);
  }
}
