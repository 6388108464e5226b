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

  /** After the lead is stored: the pool's cursor moves to the one just assigned. */
  async commit(poolId: string, decision: AssignmentDecision | null): Promise<void> {
    if (decision?.ownerId && decision.cursor) await this.store.saveCursor(poolId, decision.cursorKey, decision.cursor);
  }
}
